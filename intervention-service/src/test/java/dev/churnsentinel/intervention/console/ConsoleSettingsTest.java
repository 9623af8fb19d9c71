package dev.churnsentinel.intervention.console;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.intervention.signin.ConsoleLinks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings page of tenant {@code consoleadmin}'s console administrator, over HTTP as htmx speaks to it: its robots
 * and default contacts set, tested and deleted as through {@code /api/v1/admin/...} (key {@code k-console-admin}).
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class ConsoleSettingsTest {
    private static final String ADMIN = "admin@consoleadmin.example.com";
    private static final String MANAGER = "manager@consoleadmin.example.com";
    private static final String KEY = "k-console-admin";

    @Inject
    ConsoleLinks links;

    private ConsoleApiTest.Session signIn(String email) {
        String link = links.link("consoleadmin", email, null);
        return ConsoleApiTest.signIn(link.substring(link.indexOf("/console")));
    }

    private static RequestSpecification as(ConsoleApiTest.Session session) {
        return as(session, "en");
    }

    private static RequestSpecification as(ConsoleApiTest.Session session, String language) {
        return given().cookie(Viewers.SESSION_COOKIE, session.cookie()).header("Accept-Language", language);
    }

    private static Response post(ConsoleApiTest.Session session, String path, Map<String, ?> form) {
        RequestSpecification request = as(session).header(Viewers.CSRF_HEADER, session.csrf()).header("HX-Request", "true")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
        form.forEach((field, value) -> {
            if (value instanceof List<?> values) {
                request.formParam(field, values.toArray());
            } else {
                request.formParam(field, value);
            }
        });
        return request.when().post(path);
    }

    private static JsonPath api(String path) {
        return given().auth().oauth2(KEY).when().get(path).then().statusCode(200).extract().jsonPath();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void onlyTheTenantsConsoleAdministratorSeesTheSettingsOrALinkToThem() {
        ConsoleApiTest.Session admin = signIn(ADMIN);
        String page = as(admin).when().get("/console/settings").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Robots and default contacts"), page);
        assertTrue(page.contains("https://hooks.example.com/console?token=****wxyz"), "configuration's robot, masked: " + page);
        assertFalse(page.contains("cfg-token-0123456789wxyz"), "never its token");
        assertTrue(page.contains("SENIOR_MANAGER") && page.contains(MANAGER), "configuration's default contact");
        assertTrue(page.contains("Comes from configuration: read-only here"), page);
        assertFalse(page.contains("/console/settings/webhooks/from-config/delete"), "no delete for configuration's robot");
        assertTrue(as(admin).when().get("/console").then().statusCode(200).extract().asString()
                .contains("href=\"/console/settings\""), "the admin's header links to the page");
        assertTrue(as(admin, "zh-CN").when().get("/console/settings").then().statusCode(200)
                .extract().asString().contains("机器人与默认联系人"));

        ConsoleApiTest.Session manager = signIn(MANAGER);
        as(manager).when().get("/console/dashboard").then().statusCode(200);
        as(manager).when().get("/console/settings").then().statusCode(404);
        assertFalse(as(manager).when().get("/console").then().statusCode(200).extract().asString()
                .contains("/console/settings"), "no link for a manager who is no administrator");
        Response refused = post(manager, "/console/settings/webhooks", Map.of("name", unique("mgr"), "format", "GENERIC",
                "url", "https://example.com/x"));
        assertEquals(404, refused.statusCode());
        assertFalse(api("/api/v1/admin/webhooks").getList("items.name").stream().anyMatch(n -> n.toString().startsWith("mgr-")));
        as(manager).header(Viewers.CSRF_HEADER, manager.csrf()).when().post("/console/settings/webhooks/from-config/test")
                .then().statusCode(404);
    }

    @Test
    void aRobotSetWithTheFormIsWhatTheApiShowsAndItsSecretIsKeptOrRemoved() {
        ConsoleApiTest.Session admin = signIn(ADMIN);
        String name = unique("ding");
        String token = "tok-" + name + "-0000";
        Response saved = post(admin, "/console/settings/webhooks", Map.of("name", name, "format", "DINGTALK",
                "url", WebhookReceiver.base() + "/dingtalk?access_token=" + token, "secret", "SEC-form-secret",
                "tiers", List.of("RED", "ORANGE")));
        assertEquals(200, saved.statusCode(), saved.asString());
        assertTrue(saved.asString().contains("Robot saved:"), saved.asString());
        assertFalse(saved.asString().contains(token) || saved.asString().contains("SEC-form-secret"), "masked, no secret");
        assertTrue(saved.asString().contains("Last set by " + ADMIN), "who set it: " + saved.asString());

        JsonPath shown = api("/api/v1/admin/webhooks/" + name);
        assertEquals("api", shown.getString("source"));
        assertEquals("DINGTALK", shown.getString("format"));
        assertEquals(List.of("RED", "ORANGE"), shown.getList("tiers"));
        assertTrue(shown.getBoolean("secretSet"));
        assertEquals(WebhookReceiver.base() + "/dingtalk?access_token=****0000", shown.getString("url"));
        assertTrue(saved.asString().contains(shown.getString("url")), "the page shows the API's masked address");

        // an empty password keeps the secret; the box removes it; no box ticked is every tier
        post(admin, "/console/settings/webhooks", Map.of("name", name, "format", "DINGTALK",
                "url", WebhookReceiver.base() + "/dingtalk?access_token=" + token, "secret", "")).then().statusCode(200);
        assertTrue(api("/api/v1/admin/webhooks/" + name).getBoolean("secretSet"));
        assertNull(api("/api/v1/admin/webhooks/" + name).get("tiers"));
        post(admin, "/console/settings/webhooks", Map.of("name", name, "format", "DINGTALK",
                "url", WebhookReceiver.base() + "/dingtalk?access_token=" + token, "secret", "", "removeSecret", "true"))
                .then().statusCode(200);
        assertFalse(api("/api/v1/admin/webhooks/" + name).getBoolean("secretSet"));

        // the API records its key as who set it
        given().auth().oauth2(KEY).contentType("application/json").body(Map.of("url", "https://example.com/" + name,
                "format", "GENERIC")).when().put("/api/v1/admin/webhooks/" + name).then().statusCode(200);
        assertTrue(as(admin).when().get("/console/settings").then().extract().asString().contains("Last set by api-key:consoleadmin"));

        Response deleted = post(admin, "/console/settings/webhooks/" + name + "/delete", Map.of());
        assertEquals(200, deleted.statusCode());
        assertTrue(deleted.asString().contains("Robot deleted:"), deleted.asString());
        given().auth().oauth2(KEY).when().get("/api/v1/admin/webhooks/" + name).then().statusCode(404);
        Response configured = post(admin, "/console/settings/webhooks/from-config/delete", Map.of());
        assertEquals(409, configured.statusCode());
        assertTrue(configured.asString().contains("comes from configuration"), configured.asString());
    }

    @Test
    void aBadFieldIsShownNextToItInTheApisWords() {
        ConsoleApiTest.Session admin = signIn(ADMIN);
        String name = unique("bad");
        String apiWords = given().auth().oauth2(KEY).contentType("application/json")
                .body(Map.of("url", "ftp://example.com/x", "format", "GENERIC")).when().put("/api/v1/admin/webhooks/" + name)
                .then().statusCode(400).extract().jsonPath().getString("errors[0].message");
        Response page = post(admin, "/console/settings/webhooks", Map.of("name", name, "format", "GENERIC",
                "url", "ftp://example.com/x"));
        assertEquals(400, page.statusCode());
        String html = page.asString();
        int field = html.indexOf("name=\"url\"");
        int error = html.indexOf("<span class=\"field-error\" role=\"alert\">" + apiWords + "</span>");
        assertTrue(field > 0 && error > field && error - field < 400, "the API's words under the url field: " + html);
        assertTrue(html.contains("value=\"ftp://example.com/x\""), "what was typed is kept");
        assertTrue(html.contains("<details id=\"robot-form\" open>"), "the form stays open");

        Response badName = post(admin, "/console/settings/webhooks", Map.of("name", "has space", "format", "GENERIC",
                "url", "https://example.com/x"));
        assertEquals(400, badName.statusCode());
        assertTrue(badName.asString().contains("must be 1 to 64 letters, digits"), badName.asString());
        Response badTier = post(admin, "/console/settings/webhooks", Map.of("name", name, "format", "GENERIC",
                "url", "https://example.com/x", "tiers", List.of("RED", "PURPLE")));
        assertEquals(400, badTier.statusCode());
        assertTrue(badTier.asString().contains("must be one of [GREEN, YELLOW, ORANGE, RED]"), badTier.asString());
        Response badEmail = post(admin, "/console/settings/contacts", Map.of("role", "REGIONAL_DIRECTOR", "id", "rd-x",
                "email", "not-an-address"));
        assertEquals(400, badEmail.statusCode());
        assertTrue(badEmail.asString().contains("must be a well-formed email address"), badEmail.asString());
        given().auth().oauth2(KEY).when().get("/api/v1/admin/webhooks/" + name).then().statusCode(404);
    }

    @Test
    void theTestButtonShowsWhatTheRobotAnswered() {
        ConsoleApiTest.Session admin = signIn(ADMIN);
        String accepts = unique("accepts");
        String refuses = unique("refuses");
        post(admin, "/console/settings/webhooks", Map.of("name", accepts, "format", "DINGTALK",
                "url", WebhookReceiver.base() + "/dingtalk?access_token=" + accepts)).then().statusCode(200);
        post(admin, "/console/settings/webhooks", Map.of("name", refuses, "format", "DINGTALK",
                "url", WebhookReceiver.base() + "/dingtalk-refuses?access_token=" + refuses)).then().statusCode(200);

        String delivered = post(admin, "/console/settings/webhooks/" + accepts + "/test", Map.of())
                .then().statusCode(200).extract().asString();
        assertFalse(delivered.contains("<html"), "a fragment: " + delivered);
        assertTrue(delivered.contains("<b>Delivered</b> · HTTP 200 · "), delivered);
        assertTrue(delivered.contains("{&quot;errcode&quot;:0,&quot;errmsg&quot;:&quot;ok&quot;}"), delivered);
        assertTrue(WebhookReceiver.received().stream().anyMatch(r -> ("access_token=" + accepts).equals(r.query())),
                "the robot got the card");

        String refused = post(admin, "/console/settings/webhooks/" + refuses + "/test", Map.of())
                .then().statusCode(200).extract().asString();
        assertTrue(refused.contains("<b>Not delivered</b> · HTTP 200"), refused);
        assertTrue(refused.contains("code 310000") && refused.contains("keywords not in content"), refused);

        assertTrue(as(admin, "zh-CN").header(Viewers.CSRF_HEADER, admin.csrf())
                .when().post("/console/settings/webhooks/" + accepts + "/test").then().statusCode(200).extract().asString()
                .contains("已送达"));
        as(admin).when().post("/console/settings/webhooks/" + accepts + "/test").then().statusCode(403);
    }

    @Test
    void aDefaultContactIsSetTestedAndDeletedOnThePage() {
        ConsoleApiTest.Session admin = signIn(ADMIN);
        String address = unique("rd") + "@consoleadmin.example.com";
        Response saved = post(admin, "/console/settings/contacts", Map.of("role", "REGIONAL_DIRECTOR", "id", "rd-form",
                "name", "区域总监", "email", address));
        assertEquals(200, saved.statusCode(), saved.asString());
        JsonPath shown = api("/api/v1/admin/contacts/REGIONAL_DIRECTOR");
        assertEquals(Map.of("role", "REGIONAL_DIRECTOR", "id", "rd-form", "name", "区域总监", "email", address,
                "source", "api"), shown.getMap("$"));

        String answer = post(admin, "/console/settings/contacts/REGIONAL_DIRECTOR/test", Map.of())
                .then().statusCode(200).extract().asString();
        assertTrue(answer.contains("<b>Delivered</b>"), answer);
        MimeMessage mail = Fixtures.await(() -> InfrastructureTestResource.shared().mail().received().stream()
                .filter(m -> Fixtures.recipient(m).equals(address)).findFirst().orElse(null), m -> m != null, "the test e-mail");
        assertTrue(Fixtures.part(mail, "text/plain").contains("REGIONAL_DIRECTOR"));

        Response badRole = post(admin, "/console/settings/contacts", Map.of("role", "director", "id", "x"));
        assertEquals(400, badRole.statusCode());
        assertTrue(badRole.asString().contains("must be a role such as SENIOR_MANAGER"), badRole.asString());

        post(admin, "/console/settings/contacts/REGIONAL_DIRECTOR/delete", Map.of()).then().statusCode(200);
        given().auth().oauth2(KEY).when().get("/api/v1/admin/contacts/REGIONAL_DIRECTOR").then().statusCode(404);
    }
}
