package dev.churnsentinel.intervention.integration;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.proto.events.v1.Tier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.churnsentinel.intervention.Fixtures.TIER_CHANGES;
import static dev.churnsentinel.intervention.Fixtures.change;
import static dev.churnsentinel.intervention.Fixtures.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An integrator subscribes its endpoint and is told of each tier change and task change: signed, with a delivery id
 * to de-duplicate by, retried while it fails, and replayed by id range after an outage.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class SubscriptionTest {
    private static final String KEY = "k-sync";

    @Test
    void anIntegratorIsToldOfTierAndTaskChangesSignedAndCanReplayWhatItMissed() throws Exception {
        String path = "/integrator-" + UUID.randomUUID();
        JsonPath created = admin().body("{\"url\": \"" + WebhookReceiver.base() + path + "\", \"events\": [\"TIER_CHANGED\", "
                + "\"TASK_CHANGED\"], \"description\": \"CRM sync\"}").post("/api/v1/subscriptions")
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");
        assertTrue(secret.startsWith("whsec_"));
        admin().get("/api/v1/subscriptions/" + id).then().statusCode(200).body("secret", nullValue())
                .body("events", equalTo(List.of("TIER_CHANGED", "TASK_CHANGED"))).body("description", equalTo("CRM sync"));

        String customer = "SYNC-" + UUID.randomUUID();
        send(TIER_CHANGES, "sync", customer, change("sync", customer, Tier.RED, false, false).toByteArray());
        List<WebhookReceiver.Received> first = received(path, 2);
        for (WebhookReceiver.Received r : first) {
            String timestamp = r.headers().get("X-sentinel-timestamp").get(0);
            assertEquals("sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + r.body())),
                    r.headers().get("X-sentinel-signature").get(0), "signed with the subscription's secret");
            JsonPath body = new JsonPath(r.body());
            assertEquals(r.headers().get("X-sentinel-delivery").get(0), body.getString("deliveryId"));
            assertEquals("sync", body.getString("tenant"));
        }
        JsonPath tier = body(first, "TIER_CHANGED");
        assertEquals(customer, tier.getString("data.customerId"));
        assertEquals("RED", tier.getString("data.tier"));
        assertEquals("GREEN", tier.getString("data.previousTier"));
        JsonPath opened = body(first, "TASK_CHANGED");
        assertEquals("CREATED", opened.getString("data.change"));
        assertEquals(customer, opened.getString("data.task.customerId"));
        assertEquals("RESCUE", opened.getString("data.task.kind"));

        String task = opened.getString("data.task.id");
        given().auth().oauth2(KEY).contentType("application/json").body("{\"by\": \"周总\"}")
                .post("/api/v1/tasks/" + task + "/acknowledge").then().statusCode(200);
        JsonPath acknowledged = body(received(path, 3), "TASK_CHANGED", "ACKNOWLEDGED");
        assertTrue(acknowledged.getString("data.actor").endsWith(" on behalf of 周总"), acknowledged.getString("data.actor"));
        assertEquals("ACKNOWLEDGED", acknowledged.getString("data.task.status"));

        // the receiver lost them: replay the range, same delivery ids
        JsonPath log = Fixtures.await(() -> admin().get("/api/v1/subscriptions/" + id + "/deliveries").then().statusCode(200)
                .extract().jsonPath(), l -> l.getList("items.status").stream().allMatch("SENT"::equals), "deliveries sent");
        List<Long> ids = log.getList("items.id", Long.class);
        assertEquals(3, ids.size());
        assertTrue(ids.get(0) < ids.get(1) && ids.get(1) < ids.get(2), "numbered in order: " + ids);
        admin().body("{\"fromId\": " + ids.get(0) + ", \"toId\": " + ids.get(2) + "}").post("/api/v1/subscriptions/" + id + "/replay")
                .then().statusCode(200).body("requeued", equalTo(3));
        Set<String> again = received(path, 6).stream().map(r -> r.headers().get("X-sentinel-delivery").get(0))
                .collect(Collectors.toSet());
        assertEquals(ids.stream().map(String::valueOf).collect(Collectors.toSet()), again);

        // a receiver that fails: retried, the reason kept
        String broken = admin().body("{\"url\": \"" + WebhookReceiver.base() + "/broken\", \"events\": [\"TASK_CHANGED\"]}")
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
        given().auth().oauth2(KEY).contentType("application/json").body("{}").post("/api/v1/tasks/" + task + "/start")
                .then().statusCode(200);
        Fixtures.await(() -> admin().get("/api/v1/subscriptions/" + broken + "/deliveries?status=RETRYING,FAILED").then()
                .statusCode(200).extract().jsonPath(), l -> l.getList("items").size() == 1, "a failed delivery");
        admin().get("/api/v1/subscriptions/" + broken + "/deliveries?status=RETRYING,FAILED").then()
                .body("items[0].error", equalTo("HTTP 500")).body("items[0].event", equalTo("TASK_CHANGED"));
        admin().delete("/api/v1/subscriptions/" + broken).then().statusCode(204);
        admin().get("/api/v1/subscriptions/" + broken).then().statusCode(404);
    }

    @Test
    void badSubscriptionsAreRefusedAndOtherTenantsSeeNothing() {
        admin().body("{\"url\": \"ftp://crm.example.com/x\", \"events\": [\"TASK_CHANGED\"]}").post("/api/v1/subscriptions")
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        admin().body("{\"url\": \"https://crm.example.com/x\", \"events\": []}").post("/api/v1/subscriptions")
                .then().statusCode(400).body("errors[0].field", equalTo("events"));
        admin().body("{\"url\": \"https://crm.example.com/x\", \"events\": [\"EVERYTHING\"]}").post("/api/v1/subscriptions")
                .then().statusCode(400).body("errors[0].field", containsString("events"));
        String id = admin().body("{\"url\": \"https://crm.example.com/x\", \"events\": [\"TASK_CHANGED\"]}")
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
        admin().body("{\"fromId\": 5, \"toId\": 1}").post("/api/v1/subscriptions/" + id + "/replay")
                .then().statusCode(400).body("errors[0].field", equalTo("toId"));
        given().auth().oauth2("k-sync2").get("/api/v1/subscriptions/" + id).then().statusCode(404);
        given().auth().oauth2("k-sync2").delete("/api/v1/subscriptions/" + id).then().statusCode(404);
        given().auth().oauth2("k-read").get("/api/v1/subscriptions").then().statusCode(403);
        admin().delete("/api/v1/subscriptions/" + id).then().statusCode(204);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(KEY).contentType("application/json");
    }

    private static List<WebhookReceiver.Received> received(String path, int atLeast) {
        return Fixtures.await(() -> WebhookReceiver.received().stream().filter(r -> r.path().equals(path)).toList(),
                list -> list.size() >= atLeast, atLeast + " deliveries at " + path);
    }

    private static JsonPath body(List<WebhookReceiver.Received> received, String event) {
        return body(received, event, null);
    }

    private static JsonPath body(List<WebhookReceiver.Received> received, String event, String change) {
        return received.stream().map(r -> new JsonPath(r.body()))
                .filter(b -> event.equals(b.getString("event")) && (change == null || change.equals(b.getString("data.change"))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + event + " " + change + " among " + received));
    }

    private static byte[] hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
