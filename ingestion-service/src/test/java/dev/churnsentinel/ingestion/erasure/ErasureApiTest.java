package dev.churnsentinel.ingestion.erasure;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.SchemaScan;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.ErasureStep;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A customer erased through the API: what ingestion removes at once, what it announces, and how it follows the rest. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class ErasureApiTest {
    private static final String NAME = "欧阳秀英";
    private static final String WORDS = "你们的客服态度太差了我要投诉到消协";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TextRetentionJob retention;

    @Test
    void aCustomerIsErasedHereAtOnceAndTheOtherServicesAreToldAfterTheirEarlierRecords() throws Exception {
        String customer = "E-" + UUID.randomUUID();
        given().auth().oauth2("k-erase").contentType("application/json")
                .body("{\"name\": \"" + NAME + "\", \"valueTier\": \"VIP\", \"seniorManager\": {\"id\": \"sm-9\", "
                        + "\"name\": \"周总\", \"email\": \"zhou.erase@example.com\"}}")
                .when().put("/api/v1/customers/" + customer).then().statusCode(201);
        String feedback = "{\"externalId\": \"fb-" + UUID.randomUUID() + "\", \"customerId\": \"" + customer + "\", \"channel\": "
                + "\"TICKET\", \"occurredAt\": \"2026-03-01T10:00:00+08:00\", \"text\": \"" + WORDS + "\", \"nps\": 1}";
        given().auth().oauth2("k-erase").contentType("application/json").body(feedback)
                .when().post("/api/v1/feedback").then().statusCode(202);
        given().auth().oauth2("k-erase").contentType("application/json")
                .body("{\"externalId\": \"ev-" + UUID.randomUUID() + "\", \"customerId\": \"" + customer + "\", \"type\": "
                        + "\"SERVICE_VISIT\", \"occurredAt\": \"2026-03-02T10:00:00+08:00\", \"amount\": 300, "
                        + "\"attributes\": {\"advisor\": \"" + NAME + "的顾问\"}}")
                .when().post("/api/v1/events").then().statusCode(202);

        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select jsonb_typeof(profile), profile ->> 'name' from customer where tenant = 'erase' and customer_id = ?")) {
            select.setString(1, customer);
            ResultSet row = select.executeQuery();
            assertTrue(row.next());
            assertEquals("object", row.getString(1), "the profile is stored as the JSON object it is");
            assertEquals(NAME, row.getString(2));
        }
        given().auth().oauth2("k-erase-other").when().delete("/api/v1/customers/" + customer).then().statusCode(404);
        given().auth().oauth2("k-ingest").when().delete("/api/v1/customers/" + customer).then().statusCode(403);
        JsonPath erasure = given().auth().oauth2("k-erase").when().delete("/api/v1/customers/" + customer)
                .then().statusCode(202).header("Location", org.hamcrest.Matchers.containsString("/api/v1/erasures/"))
                .body("customerId", equalTo(customer)).body("requestedBy", equalTo("api-key:erase"))
                .body("status", equalTo("IN_PROGRESS"))
                .body("services.service", equalTo(List.of("ingestion-service", "scoring-service", "intervention-service")))
                .body("services[0].status", equalTo("DONE")).body("services[0].counts.profile", equalTo(1))
                .body("services[0].counts.feedback", equalTo(1)).body("services[0].counts.events", equalTo(1))
                .body("services[1].status", equalTo("IN_PROGRESS"))
                .extract().jsonPath();
        String id = erasure.getString("id");

        // after every earlier record of the customer, on their key
        List<IngestRecord> records = new ArrayList<>();
        for (byte[] value : TestTopics.read("churnsentinel.ingest.v1", "erase/" + customer, 4, Duration.ofSeconds(20))) {
            records.add(IngestRecord.parseFrom(value));
        }
        assertEquals(List.of(IngestRecord.PayloadCase.CUSTOMER, IngestRecord.PayloadCase.FEEDBACK,
                IngestRecord.PayloadCase.EVENT, IngestRecord.PayloadCase.ERASURE),
                records.stream().map(IngestRecord::getPayloadCase).toList());
        assertEquals(id, records.get(3).getErasure().getErasureId());
        assertEquals("api-key:erase", records.get(3).getErasure().getRequestedBy());

        assertNowhere(customer, NAME, WORDS);

        // the same item sent again is a duplicate: its text does not come back
        given().auth().oauth2("k-erase").contentType("application/json").body(feedback)
                .when().post("/api/v1/feedback").then().statusCode(200).body("duplicate", equalTo(true));
        assertNowhere(customer, NAME, WORDS);
        // asked again: nothing is left, the answer is the erasure
        given().auth().oauth2("k-erase").when().delete("/api/v1/customers/" + customer)
                .then().statusCode(200).body("id", equalTo(id));

        // the other services confirm (twice: a redelivery changes nothing)
        for (int round = 0; round < 2; round++) {
            for (String service : List.of("scoring-service", "intervention-service")) {
                TestTopics.send("churnsentinel.erasures.v1", "erase/" + customer, ErasureStep.newBuilder()
                        .setErasureId(id).setTenant("erase").setCustomerId(customer).setService(service)
                        .setDoneAt(OffsetDateTime.now(ZoneOffset.UTC).toString()).putCounts("health", 1).build().toByteArray());
            }
        }
        JsonPath done = null;
        for (int i = 0; i < 200; i++) {
            done = given().auth().oauth2("k-erase").when().get("/api/v1/erasures/" + id)
                    .then().statusCode(200).extract().jsonPath();
            if (done.getString("status").equals("DONE")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("DONE", done.getString("status"), done.prettify());
        assertEquals(3, done.getList("services").size());
        assertEquals(1, done.getInt("services[1].counts.health"));
        given().auth().oauth2("k-erase-other").when().get("/api/v1/erasures/" + id).then().statusCode(404);
        given().auth().oauth2("k-erase").when().get("/api/v1/erasures/not-an-id").then().statusCode(404);
        given().auth().oauth2("k-erase").when().delete("/api/v1/customers/never-seen").then().statusCode(404)
                .body("detail", equalTo("customer never-seen does not exist"));
    }

    @Test
    void feedbackTextIsRemovedAfterItsTenantsRetention() throws Exception {
        String customer = "R-" + UUID.randomUUID();
        String old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(800).toString();
        String recent = OffsetDateTime.now(ZoneOffset.UTC).minusDays(40).toString();
        // tenant erase keeps text 730 days, tenant eraseother 30 (application.properties, %test)
        post("k-erase", customer, "old-" + customer, old, "八百天前的意见");
        post("k-erase", customer, "recent-" + customer, recent, "四十天前的意见");
        post("k-erase-other", customer, "other-" + customer, recent, "另一个租户四十天前的意见");
        retention.run(Instant.now());
        assertEquals(null, text("old-" + customer));
        assertEquals("四十天前的意见", text("recent-" + customer));
        assertEquals(null, text("other-" + customer));
    }

    private static void post(String key, String customer, String externalId, String occurredAt, String text) {
        given().auth().oauth2(key).contentType("application/json")
                .body("{\"externalId\": \"" + externalId + "\", \"customerId\": \"" + customer + "\", \"channel\": \"SURVEY\", "
                        + "\"occurredAt\": \"" + occurredAt + "\", \"text\": \"" + text + "\", \"satisfaction\": 3}")
                .when().post("/api/v1/feedback").then().statusCode(202);
    }

    private String text(String externalId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select text from feedback where external_id = ?")) {
            select.setString(1, externalId);
            ResultSet row = select.executeQuery();
            assertTrue(row.next(), externalId);
            return row.getString(1);
        }
    }

    /**
     * Every text, JSON and byte column of every table in ingestion's schema, searched for each of {@code needles}
     * until none is found (the outbox keeps an announcement until it is on Kafka) or ten seconds have passed.
     */
    private void assertNowhere(String... needles) throws Exception {
        List<String> found = List.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            found = search(needles);
            if (found.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("still stored: " + found);
    }

    private List<String> search(String... needles) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            int columns = SchemaScan.columns(c, List.of("ingestion"), SchemaScan.TEXT_AND_BYTES);
            assertTrue(columns > 10, "the schema's columns: " + columns);
            return SchemaScan.holding(c, List.of("ingestion"), SchemaScan.TEXT_AND_BYTES, List.of(needles)).stream()
                    .filter(found -> !isErasureRecord(found))
                    .map(found -> found.table() + "." + found.column() + " holds " + found.needle()).toList();
        }
    }

    /** The erasure's own record keeps the id of the customer it erased, and nothing else of theirs. */
    private static boolean isErasureRecord(SchemaScan.Found found) {
        return found.table().equals("erasure") && found.column().equals("customer_id") && !found.needle().equals(NAME)
                && !found.needle().equals(WORDS);
    }
}
