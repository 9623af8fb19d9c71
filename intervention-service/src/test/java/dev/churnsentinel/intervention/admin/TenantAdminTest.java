package dev.churnsentinel.intervention.admin;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.proto.events.v1.Tier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.await;
import static dev.churnsentinel.intervention.Fixtures.notifications;
import static dev.churnsentinel.intervention.Fixtures.openTask;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant {@code adminhooks} ({@code k-admin-hooks}, an administrator) sets its own robots and default contacts;
 * configuration gives it webhook {@code from-config} and a GENERAL_MANAGER. {@code adminother} is another tenant's
 * administrator; {@code k-admin-hooks-manage} is not an administrator.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class TenantAdminTest {
    private static final String ADMIN = "k-admin-hooks";
    private static final String OTHER = "k-admin-other";
    private static final String HOOKS = "/api/v1/admin/webhooks/";
    private static final String CONTACTS = "/api/v1/admin/contacts/";

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }

    private static Response put(String key, String path, Map<String, Object> body) {
        return as(key).body(body).when().put(path);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aRobotIsCreatedReplacedShownMaskedWithoutItsSecretAndDeleted() {
        String name = unique("ops");
        String url = WebhookReceiver.base() + "/dingtalk?access_token=tok-" + name;
        assertEquals(16, ("tok-" + name).length());
        Response created = put(ADMIN, HOOKS + name, Map.of("url", url, "format", "DINGTALK", "secret", "SEC-never-shown",
                "tiers", List.of("RED", "ORANGE")));
        assertEquals(201, created.statusCode(), created.asString());
        String token = "tok-" + name;
        assertEquals(WebhookReceiver.base() + "/dingtalk?access_token=****" + token.substring(token.length() - 4),
                created.jsonPath().getString("url"), "a token of 16 characters or more keeps its last 4");
        assertTrue(created.jsonPath().getBoolean("secretSet"));
        assertEquals("api", created.jsonPath().getString("source"));
        assertEquals(List.of("RED", "ORANGE"), created.jsonPath().getList("tiers"));

        // without a secret the stored one is kept: the tiers change, the robot is still signed
        Response replaced = put(ADMIN, HOOKS + name, Map.of("url", url, "format", "DINGTALK", "tiers", List.of("RED")));
        assertEquals(200, replaced.statusCode(), replaced.asString());
        assertTrue(replaced.jsonPath().getBoolean("secretSet"));
        assertEquals(List.of("RED"), replaced.jsonPath().getList("tiers"));
        JsonPath tested = as(ADMIN).when().post(HOOKS + name + "/test").then().statusCode(200).extract().jsonPath();
        assertTrue(tested.getBoolean("delivered"), tested.prettify());
        WebhookReceiver.Received signed = WebhookReceiver.received().stream()
                .filter(r -> r.query() != null && r.query().startsWith("access_token=tok-" + name)).reduce((a, b) -> b).orElseThrow();
        assertTrue(signed.query().matches("access_token=tok-" + name + "&timestamp=\\d{13}&sign=[A-Za-z0-9%]+"), signed.query());

        String one = as(ADMIN).when().get(HOOKS + name).then().statusCode(200).extract().asString();
        String all = as(ADMIN).when().get(HOOKS).then().statusCode(200).extract().asString();
        for (String shown : List.of(created.asString(), replaced.asString(), one, all)) {
            assertFalse(shown.contains("SEC-never-shown"), shown);
            assertFalse(shown.contains("tok-" + name), shown);
            assertFalse(shown.contains("cfg-secret") || shown.contains("cfg-token"), shown);
        }
        JsonPath list = JsonPath.from(all);
        assertEquals("api", list.getString("items.find { it.name == '" + name + "' }.source"));
        assertEquals("config", list.getString("items.find { it.name == 'from-config' }.source"));
        assertEquals("https://hooks.example.com/cfg?token=****abcd", list.getString("items.find { it.name == 'from-config' }.url"));

        Response cleared = put(ADMIN, HOOKS + name, Map.of("url", url, "format", "DINGTALK", "secret", ""));
        assertEquals(200, cleared.statusCode());
        assertFalse(cleared.jsonPath().getBoolean("secretSet"));
        assertNull(cleared.jsonPath().get("tiers"), "all tiers");

        as(ADMIN).when().delete(HOOKS + name).then().statusCode(204);
        as(ADMIN).when().get(HOOKS + name).then().statusCode(404);
        as(ADMIN).when().delete(HOOKS + name).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aConfiguredRobotIsOverriddenByAPutButNotDeletedThroughTheApi() {
        as(ADMIN).when().delete(HOOKS + "from-config").then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("configuration"));
        Response overridden = put(ADMIN, HOOKS + "from-config", Map.of("url", "https://hooks.example.com/new",
                "format", "GENERIC", "tiers", List.of("GREEN")));
        assertEquals(200, overridden.statusCode(), overridden.asString());
        assertEquals("api", overridden.jsonPath().getString("source"));
        assertTrue(overridden.jsonPath().getBoolean("secretSet"), "configuration's secret is kept");
        assertEquals("https://hooks.example.com/new", overridden.jsonPath().getString("url"));

        as(ADMIN).when().delete(HOOKS + "from-config").then().statusCode(204);
        JsonPath back = as(ADMIN).when().get(HOOKS + "from-config").then().statusCode(200).extract().jsonPath();
        assertEquals("config", back.getString("source"));
        assertEquals("https://hooks.example.com/cfg?token=****abcd", back.getString("url"));
    }

    @Test
    void anInvalidRobotIsRefusedNamingTheField() {
        assertInvalid(put(ADMIN, HOOKS + "ok", Map.of("url", "ftp://example.com/x", "format", "GENERIC")), "url");
        assertInvalid(put(ADMIN, HOOKS + "ok", Map.of("url", "/relative", "format", "GENERIC")), "url");
        assertInvalid(put(ADMIN, HOOKS + "bad name", Map.of("url", "https://example.com/x", "format", "GENERIC")), "name");
        assertInvalid(put(ADMIN, HOOKS + "x".repeat(65), Map.of("url", "https://example.com/x", "format", "GENERIC")), "name");
        assertInvalid(put(ADMIN, HOOKS + "ok", Map.of("url", "https://example.com/x", "format", "TEAMS")), "format");
        assertInvalid(put(ADMIN, HOOKS + "ok", Map.of("url", "https://example.com/x")), "format");
        assertInvalid(put(ADMIN, HOOKS + "ok", Map.of("url", "https://example.com/x", "format", "SLACK",
                "tiers", List.of("RED", "PURPLE"))), "tiers[1]");
        assertInvalid(put(ADMIN, HOOKS + "ok", Map.of("url", "https://example.com/x", "format", "SLACK",
                "tiers", List.of())), "tiers");
        as(ADMIN).when().get(HOOKS + "ok").then().statusCode(404);
    }

    private static void assertInvalid(Response response, String field) {
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("application/problem+json", response.contentType().split(";")[0]);
        assertEquals(List.of(field), response.jsonPath().getList("errors.field"), response.asString());
    }

    @Test
    void onlyTheTenantsAdministratorsSeeOrChangeItsRobotsAndContacts() {
        String name = unique("mine");
        assertEquals(201, put(ADMIN, HOOKS + name, Map.of("url", WebhookReceiver.base() + "/generic", "format", "GENERIC",
                "tiers", List.of("YELLOW"))).statusCode());
        as("k-admin-hooks-manage").when().get(HOOKS).then().statusCode(403);
        as("k-admin-hooks-manage").when().get(CONTACTS).then().statusCode(403);
        as("k-admin-hooks-manage").body(Map.of("url", "https://example.com/x", "format", "GENERIC"))
                .when().put(HOOKS + name).then().statusCode(403);
        given().when().get(HOOKS).then().statusCode(401);

        assertFalse(as(OTHER).when().get(HOOKS).then().statusCode(200).extract().asString().contains(name));
        as(OTHER).when().get(HOOKS + name).then().statusCode(404);
        as(OTHER).when().delete(HOOKS + name).then().statusCode(404);
        as(OTHER).when().post(HOOKS + name + "/test").then().statusCode(404);
        as(OTHER).when().get(CONTACTS + "GENERAL_MANAGER").then().statusCode(404);
        as(ADMIN).when().get(HOOKS + name).then().statusCode(200);
    }

    @Test
    void theTestActionShowsWhatTheRobotAnsweredAndRecordsNoNotification() {
        put(OTHER, HOOKS + "accepts", Map.of("url", WebhookReceiver.base() + "/dingtalk?access_token=other-accepts",
                "format", "DINGTALK")).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        JsonPath accepted = as(OTHER).when().post(HOOKS + "accepts/test").then().statusCode(200).extract().jsonPath();
        assertTrue(accepted.getBoolean("delivered"), accepted.prettify());
        assertEquals(200, accepted.getInt("status"));
        assertEquals("{\"errcode\":0,\"errmsg\":\"ok\"}", accepted.getString("response"));
        WebhookReceiver.Received card = WebhookReceiver.received().stream()
                .filter(r -> "access_token=other-accepts".equals(r.query())).reduce((a, b) -> b).orElseThrow();
        assertTrue(card.body().contains(WebhookAdmin.TEST_TITLE), card.body());
        assertTrue(card.body().contains("http://127.0.0.1:8083/console"), "a link to the console: " + card.body());

        put(OTHER, HOOKS + "refuses", Map.of("url", WebhookReceiver.base() + "/dingtalk-refuses?access_token=x",
                "format", "DINGTALK")).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        JsonPath refused = as(OTHER).when().post(HOOKS + "refuses/test").then().statusCode(200).extract().jsonPath();
        assertFalse(refused.getBoolean("delivered"), refused.prettify());
        assertEquals(200, refused.getInt("status"));
        assertTrue(refused.getString("response").contains("310000"), refused.prettify());
        assertTrue(refused.getString("error").contains("code 310000"), refused.prettify());

        put(OTHER, HOOKS + "down", Map.of("url", "http://127.0.0.1:9/hook", "format", "GENERIC"))
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        JsonPath down = as(OTHER).when().post(HOOKS + "down/test").then().statusCode(200).extract().jsonPath();
        assertFalse(down.getBoolean("delivered"), down.prettify());
        assertEquals(0, down.getInt("status"));
        assertTrue(down.getString("error").startsWith("unreachable"), down.prettify());
        assertTrue(down.getLong("tookMs") >= 0);

        as(OTHER).when().post(HOOKS + "nobody/test").then().statusCode(404);
        assertEquals(0, as(OTHER).when().get("/api/v1/notifications").then().statusCode(200).extract().jsonPath()
                .getInt("total"), "a test is not a notification");
    }

    @Test
    void defaultContactsAreSetOverriddenValidatedAndTested() {
        JsonPath list = as(ADMIN).when().get(CONTACTS).then().statusCode(200).extract().jsonPath();
        assertEquals("config", list.getString("items.find { it.role == 'GENERAL_MANAGER' }.source"));
        as(ADMIN).when().delete(CONTACTS + "GENERAL_MANAGER").then().statusCode(409);

        Response created = put(ADMIN, CONTACTS + "CUSTOMER_SUCCESS_DIRECTOR",
                Map.of("id", "csd-1", "name", "客户成功总监", "email", "csd@adminhooks.example.com"));
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals(Map.of("role", "CUSTOMER_SUCCESS_DIRECTOR", "id", "csd-1", "name", "客户成功总监",
                "email", "csd@adminhooks.example.com", "source", "api"), created.jsonPath().getMap("$"));
        Response noAddress = put(ADMIN, CONTACTS + "CUSTOMER_SUCCESS_DIRECTOR", Map.of("id", "csd-2"));
        assertEquals(200, noAddress.statusCode());
        assertNull(noAddress.jsonPath().get("email"));
        JsonPath untested = as(ADMIN).when().post(CONTACTS + "CUSTOMER_SUCCESS_DIRECTOR/test").then().statusCode(200)
                .extract().jsonPath();
        assertFalse(untested.getBoolean("delivered"));
        assertTrue(untested.getString("error").contains("no e-mail address"), untested.prettify());
        as(ADMIN).when().delete(CONTACTS + "CUSTOMER_SUCCESS_DIRECTOR").then().statusCode(204);
        as(ADMIN).when().get(CONTACTS + "CUSTOMER_SUCCESS_DIRECTOR").then().statusCode(404);
        as(ADMIN).when().post(CONTACTS + "CUSTOMER_SUCCESS_DIRECTOR/test").then().statusCode(404);

        assertInvalid(put(ADMIN, CONTACTS + "senior", Map.of("id", "x")), "role");
        assertInvalid(put(ADMIN, CONTACTS + "SENIOR_MANAGER", Map.of("id", "x", "email", "not-an-address")), "email");
        assertInvalid(put(ADMIN, CONTACTS + "SENIOR_MANAGER", Map.of("name", "nobody")), "id");

        String address = unique("gm") + "@adminhooks.example.com";
        Response overridden = put(ADMIN, CONTACTS + "GENERAL_MANAGER", Map.of("id", "gm-api", "email", address));
        assertEquals(200, overridden.statusCode(), overridden.asString());
        assertEquals("api", overridden.jsonPath().getString("source"));
        JsonPath tested = as(ADMIN).when().post(CONTACTS + "GENERAL_MANAGER/test").then().statusCode(200).extract().jsonPath();
        assertTrue(tested.getBoolean("delivered"), tested.prettify());
        MimeMessage mail = await(() -> InfrastructureTestResource.shared().mail().received().stream()
                .filter(m -> Fixtures.recipient(m).equals(address)).findFirst().orElse(null), m -> m != null, "the test e-mail");
        assertTrue(Fixtures.part(mail, "text/plain").contains("GENERAL_MANAGER"));
        as(ADMIN).when().delete(CONTACTS + "GENERAL_MANAGER").then().statusCode(204);
        assertEquals("gm-cfg", as(ADMIN).when().get(CONTACTS + "GENERAL_MANAGER").then().statusCode(200).extract()
                .jsonPath().getString("id"));
    }

    @Test
    void aTaskAfterAPutGoesToTheRobotAndTheDefaultContactSetThroughTheApi() {
        String robot = unique("desk");
        String token = "tok-" + robot;
        assertEquals(201, put(ADMIN, HOOKS + robot, Map.of("url", WebhookReceiver.base() + "/dingtalk?access_token=" + token,
                "format", "DINGTALK", "tiers", List.of("RED"))).statusCode());
        String address = unique("sm") + "@adminhooks.example.com";
        put(ADMIN, CONTACTS + "SENIOR_MANAGER", Map.of("id", "sm-api", "name", "值班高级经理", "email", address))
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        String customer = "C-" + UUID.randomUUID();
        JsonPath task = openTask(ADMIN, "adminhooks", customer, Tier.RED);
        assertEquals("sm-api", task.getString("items[0].assignee.id"), task.prettify());
        String id = task.getString("items[0].id");
        JsonPath log = await(() -> notifications(ADMIN, id), n -> n.getList(
                "items.findAll { it.channel == 'WEBHOOK' && it.recipient == '" + robot + "' && it.status == 'SENT' }").size() == 1
                && n.getList("items.findAll { it.channel == 'EMAIL' && it.status == 'SENT' }").size() == 1, "sent");
        assertEquals(address, log.getString("items.find { it.channel == 'EMAIL' }.recipient"));
        assertTrue(WebhookReceiver.received().stream().anyMatch(r -> r.query() != null && r.query().equals("access_token=" + token)
                && r.body().contains(customer)), "the robot set through the API got the card");
        assertFalse(log.getList("items.recipient").contains("from-config"), "configuration's GREEN robot is not told");
    }
}
