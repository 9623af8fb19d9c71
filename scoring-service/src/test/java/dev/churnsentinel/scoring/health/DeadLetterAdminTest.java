package dev.churnsentinel.scoring.health;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's administrator sees the records scoring set aside for the tenant's customers (and no one else's), and
 * sends them back once the cause is fixed: the record is then applied, once, however often it is replayed.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class DeadLetterAdminTest {
    static final String DLQ = "churnsentinel.ingest.v1.scoring-dlq";

    @Test
    void anAdministratorSeesTheTenantsDeadLettersAndReplaysThemOnce() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        // a valid record set aside while something was wrong (as RecordFaults writes it)
        IngestRecord record = ScoringFlowTest.feedback(customer, "我们要退款，然后解约。", null, null);
        TestTopics.send(DLQ, "demo/" + customer, record.toByteArray(), Map.of(
                "x-sentinel-dlq-reason", "IllegalStateException: the model document could not be read",
                "x-sentinel-dlq-at", "2026-12-05T10:00:00Z", "x-sentinel-dlq-topic", "churnsentinel.ingest.v1",
                "x-sentinel-dlq-partition", "1", "x-sentinel-dlq-offset", "42"));

        JsonPath listed = given().auth().oauth2("k-admin").queryParam("topic", DLQ).queryParam("limit", "1000")
                .when().get("/api/v1/admin/dead-letters").then().statusCode(200).extract().jsonPath();
        Map<String, Object> letter = listed.getMap("items.find { it.customerId == '" + customer + "' }");
        assertTrue(letter != null, listed.prettify());
        assertEquals("churnsentinel.ingest.v1", letter.get("sourceTopic"));
        assertEquals(42, ((Number) letter.get("sourceOffset")).intValue());
        assertTrue(String.valueOf(letter.get("reason")).startsWith("IllegalStateException"));
        List<String> acme = given().auth().oauth2("k-acme-admin").when().get("/api/v1/admin/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("items.customerId");
        assertTrue(!acme.contains(customer), "another tenant sees no record of ours");
        given().auth().oauth2("k-read").when().get("/api/v1/admin/dead-letters").then().statusCode(403);
        given().auth().oauth2("k-admin").queryParam("topic", "churnsentinel.ingest.v1").when()
                .get("/api/v1/admin/dead-letters").then().statusCode(400).body("errors[0].field", equalTo("topic"));

        String replay = """
                {"topic": "%s", "partition": %s, "fromOffset": %s, "toOffset": %s}""".formatted(DLQ,
                letter.get("partition"), letter.get("offset"), letter.get("offset"));
        given().auth().oauth2("k-admin").contentType("application/json")
                .body("{\"topic\": \"" + DLQ + "\", \"fromOffset\": 5, \"toOffset\": 4}")
                .when().post("/api/v1/admin/dead-letters/replay").then().statusCode(400)
                .body("errors[0].field", equalTo("toOffset"));
        given().auth().oauth2("k-acme-admin").contentType("application/json").body(replay)
                .when().post("/api/v1/admin/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(0));
        given().auth().oauth2("k-admin").contentType("application/json").body(replay)
                .when().post("/api/v1/admin/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(1))
                .body("items[0].customerId", equalTo(customer));
        String computedAt = ScoringFlowTest.awaitHealth(customer, "RED").extract().path("computedAt");

        // again: the record is delivered a second time and changes nothing
        given().auth().oauth2("k-admin").contentType("application/json").body(replay)
                .when().post("/api/v1/admin/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(1));
        TestTopics.awaitConsumed("scoring-service", "churnsentinel.ingest.v1", Duration.ofSeconds(30));
        given().auth().oauth2("k-read").when().get("/api/v1/customers/" + customer + "/health").then().statusCode(200)
                .body("computedAt", equalTo(computedAt));
        assertEquals(2, TestTopics.records("churnsentinel.ingest.v1", "demo/" + customer, 2, Duration.ofSeconds(10))
                .stream().filter(r -> r.headers().lastHeader("x-sentinel-replayed-from") != null).count());
    }
}
