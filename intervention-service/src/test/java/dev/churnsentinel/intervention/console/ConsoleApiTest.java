package dev.churnsentinel.intervention.console;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.notify.NotificationStore;
import dev.churnsentinel.intervention.signin.ConsoleLinks;
import dev.churnsentinel.intervention.signin.LinkTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console over HTTP, as a browser speaks to it: sign-in links, sessions, CSRF, fragments, tenants. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class ConsoleApiTest {
    private static final Pattern CSRF = Pattern.compile("X-CSRF-Token&quot;: &quot;([A-Za-z0-9_-]+)&quot;|\"X-CSRF-Token\": \"([A-Za-z0-9_-]+)\"");

    @Inject
    ConsoleLinks links;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    NotificationStore notifications;

    record Session(String cookie, String csrf) {
    }

    /** Opens the link as a browser does: its page posts the token back, and that POST signs in. */
    static Response useLink(String link) {
        Response opened = given().redirects().follow(false).when().get(link);
        assertEquals(200, opened.statusCode(), opened.body().asString());
        assertEquals(null, opened.getCookie(Viewers.SESSION_COOKIE), "opening a link signs no one in");
        Matcher token = Pattern.compile("name=\"t\" value=\"([^\"]+)\"").matcher(opened.body().asString());
        Matcher next = Pattern.compile("name=\"next\" value=\"([^\"]+)\"").matcher(opened.body().asString());
        assertTrue(token.find() && next.find(), opened.body().asString());
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("t", token.group(1)).formParam("next", next.group(1).replace("&amp;", "&"))
                .when().post("/console/sign-in/link");
    }

    static Session signIn(String link) {
        Response exchanged = useLink(link);
        assertEquals(303, exchanged.statusCode(), exchanged.body().asString());
        String cookie = exchanged.getCookie(Viewers.SESSION_COOKIE);
        assertNotNull(cookie, "a session cookie");
        String setCookie = String.join("\n", ConsoleFixtures.setCookies(exchanged));
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        String page = given().cookie(Viewers.SESSION_COOKIE, cookie).when().get(exchanged.header("Location"))
                .then().statusCode(200).extract().asString();
        Matcher csrf = CSRF.matcher(page);
        assertTrue(csrf.find(), "the page carries the CSRF token");
        return new Session(cookie, csrf.group(1) != null ? csrf.group(1) : csrf.group(2));
    }

    @Test
    void theEmailedLinkSignsInOnceAndTheSameLinkInAnotherBrowserAsksToSignIn() {
        String customer = "CON-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        assertTrue(mail.html().contains("/console/tasks/" + mail.taskId() + "?t="), "the HTML part links into the console");
        assertTrue(mail.html().contains("do=acknowledge"), "an Acknowledge button that goes through the console");

        Session session = signIn(mail.link());
        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).when().get("/console/tasks/" + mail.taskId())
                .then().statusCode(200).body(containsString(customer)).body(containsString("Acknowledge"));

        // the same link in another browser (no cookie): its token was used
        Response again = useLink(mail.link());
        assertEquals(401, again.statusCode());
        assertTrue(again.body().asString().contains("sign-in") && !again.body().asString().contains(customer));
        // in the browser that is signed in as its person, the link just opens the task
        given().redirects().follow(false).cookie(Viewers.SESSION_COOKIE, session.cookie()).when().get(mail.link())
                .then().statusCode(303).header("Location", containsString("/console/tasks/" + mail.taskId()));
    }

    @Test
    void theTaskPageSaysWhenTheDigestCarryingItsEMailGoesOut() throws Exception {
        String customer = "DIG-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        Session session = signIn(mail.link());
        // as a storm leaves the manager's next e-mail: carried by their digest, which waits
        NotificationStore.Waiting digest = new NotificationStore.Waiting(UUID.randomUUID(),
                new NotificationStore.Person("demo", mail.manager()), Instant.parse("2099-12-04T10:02:00Z"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement carry = connection.prepareStatement("update notification set status = 'DIGESTED', "
                     + "digest_id = ? where task_id = ?::uuid and channel = 'EMAIL'")) {
            notifications.open(connection, List.of(digest));
            carry.setObject(1, digest.id());
            carry.setString(2, mail.taskId());
            assertEquals(1, carry.executeUpdate());
        }
        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).when().get("/console/tasks/" + mail.taskId())
                .then().statusCode(200).body(containsString("邮件 → " + mail.manager() + " · 新任务 · <b>并入合并通知</b>"))
                .body(containsString("<b>并入合并通知</b> <span class=\"meta\">将于 2099-12-04 18:02 发出"))
                .body(containsString("<b>创建任务</b>"), not(containsString("DIGESTED")), not(containsString("TASK_CREATED")));
        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header("Accept-Language", "en").when()
                .get("/console/tasks/" + mail.taskId()).then().statusCode(200)
                .body(containsString("E-mail → " + mail.manager() + " · new task · <b>In a digest</b>"))
                .body(containsString("going out at 2099-12-04 18:02"), containsString("<b>Task opened</b>"));
    }

    @Test
    void forgedExpiredAndMalformedLinksAreRefusedWithTheSignInPage() {
        String customer = "CON-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        String token = mail.link().substring(mail.link().indexOf("?t=") + 3);
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().redirects().follow(false).when().get("/console/tasks/" + mail.taskId() + "?t=" + forged)
                .then().statusCode(401).header("Set-Cookie", (String) null);
        LinkTokens other = new LinkTokens("another key that is long enough to sign links!!".getBytes(StandardCharsets.UTF_8));
        String foreign = other.issue("demo", mail.manager(), UUID.fromString(mail.taskId()), Instant.now().plusSeconds(600));
        given().redirects().follow(false).when().get("/console/tasks/" + mail.taskId() + "?t=" + enc(foreign))
                .then().statusCode(401);
        String expired = links.tokens().issue("demo", mail.manager(), UUID.fromString(mail.taskId()), Instant.now().minusSeconds(1));
        given().redirects().follow(false).header("Accept-Language", "en").when()
                .get("/console/tasks/" + mail.taskId() + "?t=" + enc(expired))
                .then().statusCode(401).body(containsString("This link has expired"));
        given().redirects().follow(false).header("Accept-Language", "zh-CN,zh;q=0.9").when()
                .get("/console/tasks/" + mail.taskId() + "?t=" + enc(expired))
                .then().statusCode(401).body(containsString("此链接已过期"));
        given().redirects().follow(false).when().get("/console/tasks/" + mail.taskId() + "?t=not-a-token")
                .then().statusCode(401);
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenChangesNothing() {
        String customer = "CON-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        Session session = signIn(mail.link());
        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).contentType("application/x-www-form-urlencoded")
                .when().post("/console/tasks/" + mail.taskId() + "/acknowledge").then().statusCode(403);
        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header(Viewers.CSRF_HEADER, "wrong")
                .contentType("application/x-www-form-urlencoded")
                .when().post("/console/tasks/" + mail.taskId() + "/acknowledge").then().statusCode(403);
        given().auth().oauth2("k-read").when().get("/api/v1/tasks/" + mail.taskId()).then().body("status", equalTo("OPEN"));

        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header(Viewers.CSRF_HEADER, session.csrf())
                .header("HX-Request", "true").contentType("application/x-www-form-urlencoded")
                .when().post("/console/tasks/" + mail.taskId() + "/acknowledge")
                .then().statusCode(200).body(containsString("id=\"panel\"")).body(not(containsString("<html")));
        given().auth().oauth2("k-read").when().get("/api/v1/tasks/" + mail.taskId() + "/history")
                .then().body("items.find { it.type == 'ACKNOWLEDGED' }.actor", equalTo("周总 <" + mail.manager() + ">"));

        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header(Viewers.CSRF_HEADER, session.csrf())
                .contentType("application/x-www-form-urlencoded")
                .when().post("/console/tasks/" + mail.taskId() + "/acknowledge")
                .then().statusCode(409).body(containsString("cannot be acknowledged"));
    }

    @Test
    void theQueueRowsAreAFragmentAndSignedOutRequestsGoToSignIn() {
        String customer = "CON-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        Session session = signIn(mail.link());
        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).when().get("/console/rows?scope=MINE")
                .then().statusCode(200).body(containsString("id=\"rows\"")).body(containsString(mail.taskId()))
                .body(not(containsString("<html")));
        given().redirects().follow(false).when().get("/console").then().statusCode(303)
                .header("Location", containsString("/console/sign-in?next=%2Fconsole"));
        given().header("HX-Request", "true").when().get("/console/rows").then().statusCode(401)
                .header("HX-Redirect", containsString("/console/sign-in"));

        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header(Viewers.CSRF_HEADER, session.csrf())
                .when().post("/console/sign-out").then().statusCode(200);
        given().redirects().follow(false).cookie(Viewers.SESSION_COOKIE, session.cookie()).when().get("/console")
                .then().statusCode(303);
    }

    @Test
    void anotherTenantsTaskIsNotFoundAndAMemberSeesOnlyTheirOwn() {
        String customer = "CON-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        // a link of tenant acme, for the same task id
        String acme = links.link("acme", "someone@acme.example.com", null);
        Session outsider = signIn(acme.substring(acme.indexOf("/console")));
        given().cookie(Viewers.SESSION_COOKIE, outsider.cookie()).when().get("/console/tasks/" + mail.taskId())
                .then().statusCode(404).body(not(containsString(customer)));
        given().cookie(Viewers.SESSION_COOKIE, outsider.cookie()).header(Viewers.CSRF_HEADER, outsider.csrf())
                .contentType("application/x-www-form-urlencoded")
                .when().post("/console/tasks/" + mail.taskId() + "/acknowledge").then().statusCode(404);
        // a person of the same tenant who is no contact of the customer (a MEMBER) cannot see it either
        String stranger = links.link("demo", "stranger@example.com", null);
        Session member = signIn(stranger.substring(stranger.indexOf("/console")));
        given().cookie(Viewers.SESSION_COOKIE, member.cookie()).when().get("/console/tasks/" + mail.taskId())
                .then().statusCode(404);
        given().cookie(Viewers.SESSION_COOKIE, member.cookie()).when().get("/console/rows?scope=ALL")
                .then().statusCode(200).body(not(containsString(mail.taskId())));
    }

    @Test
    void theSignInFormAnswersTheSameForKnownAndUnknownAddressesAndSendsTheKnownOneALink() {
        String customer = "CON-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        String known = given().contentType("application/x-www-form-urlencoded").formParam("email", mail.manager())
                .when().post("/console/sign-in").then().statusCode(200).extract().asString();
        String nobody = "nobody-" + customer.toLowerCase() + "@example.com";
        String unknown = given().contentType("application/x-www-form-urlencoded").formParam("email", nobody)
                .when().post("/console/sign-in").then().statusCode(200).extract().asString();
        assertEquals(known.replace(mail.manager(), "X"), unknown.replace(nobody, "X"));
        dev.churnsentinel.intervention.Fixtures.await(() -> InfrastructureTestResource.shared().mail().received().stream()
                .filter(m -> mail.manager().equals(dev.churnsentinel.intervention.Fixtures.recipient(m)))
                .filter(m -> { try { return m.getSubject().contains("sign-in"); } catch (Exception e) { return false; } })
                .count(), n -> n == 1, "the sign-in e-mail");
        given().contentType("application/x-www-form-urlencoded").formParam("email", "not an address")
                .when().post("/console/sign-in").then().statusCode(400);
        given().contentType("application/x-www-form-urlencoded").header("Origin", "https://evil.example.com")
                .formParam("email", mail.manager()).when().post("/console/sign-in").then().statusCode(403);
    }

    @Test
    void onlyAnAdminSeesThePlaybooksAndAStaleVersionIsRefusedWithTheReason() {
        String customer = "CON-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        Session manager = signIn(mail.link());
        given().cookie(Viewers.SESSION_COOKIE, manager.cookie()).when().get("/console/admin/playbooks").then().statusCode(404);
        given().cookie(Viewers.SESSION_COOKIE, manager.cookie()).when().get("/console/dashboard").then().statusCode(200);

        String admin = links.link("demo", "admin@demo.example.com", null);
        Session session = signIn(admin.substring(admin.indexOf("/console")));
        String page = given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header("Accept-Language", "en")
                .when().get("/console/admin/playbooks").then().statusCode(200).extract().asString();
        assertTrue(page.contains("RESCUE") && page.contains("name=\"document\""), page);
        String document = given().auth().oauth2("k-read").when().get("/api/v1/playbooks").then().statusCode(200)
                .extract().asString();
        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header(Viewers.CSRF_HEADER, session.csrf())
                .contentType("application/x-www-form-urlencoded").formParam("version", 999).formParam("document", document)
                .when().post("/console/admin/playbooks").then().statusCode(409).body(containsString("role=\"alert\""));
        given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header(Viewers.CSRF_HEADER, session.csrf())
                .contentType("application/x-www-form-urlencoded").formParam("document", "{not json")
                .when().post("/console/admin/playbooks").then().statusCode(400).body(containsString("JSON"));
    }

    @Test
    void aLinkPostedFromAnotherSiteIsRefused() {
        String link = links.link("demo", "someone@example.com", null);
        String token = java.net.URLDecoder.decode(link.substring(link.indexOf("?t=") + 3), StandardCharsets.UTF_8);
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").header("Origin", "https://evil.example.com")
                .formParam("t", token).formParam("next", "/console").when().post("/console/sign-in/link").then().statusCode(403);
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("t", token).formParam("next", "https://evil.example.com/").when().post("/console/sign-in/link")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/console"));
    }

    private static String enc(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
