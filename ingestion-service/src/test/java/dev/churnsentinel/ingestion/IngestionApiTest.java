package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class IngestionApiTest {
    static final String TOPIC = "churnsentinel.ingest.v1";

    @Test
    void putCustomerCreatesThenReplacesAndAnnouncesTheContacts() {
        String customer = "C-" + UUID.randomUUID();
        String body = """
                {"name": "王女士", "valueTier": "VIP", "annualValue": 5000, "currency": "CNY",
                 "accountManager": {"id": "am-01", "name": "李明", "email": "li.ming@example.com"},
                 "seniorManager": {"id": "sm-01", "name": "周总", "email": "zhou@example.com"}}""";
        given().auth().oauth2("k-ingest").contentType("application/json").body(body)
                .when().put("/api/v1/customers/" + customer)
                .then().statusCode(201).body("created", equalTo(true));
        given().auth().oauth2("k-ingest").contentType("application/json").body(body)
                .when().put("/api/v1/customers/" + customer)
                .then().statusCode(200).body("created", equalTo(false));

        List<IngestRecord> records = recordsFor("demo/" + customer, 2);
        assertEquals("sm-01", records.get(0).getCustomer().getContactsOrThrow("SENIOR_MANAGER").getId());
        assertEquals("VIP", records.get(0).getCustomer().getValueTier());
    }

    @Test
    void feedbackIsAcceptedOnceAndReachesKafkaKeyedByCustomer() {
        String customer = "C-" + UUID.randomUUID();
        String externalId = "survey-" + UUID.randomUUID();
        String body = """
                {"externalId": "%s", "customerId": "%s", "channel": "SURVEY",
                 "occurredAt": "2026-03-01T10:00:00+08:00", "text": "合同到期我们就解约😡", "nps": 3}"""
                .formatted(externalId, customer);
        String id = given().auth().oauth2("k-ingest").contentType("application/json").body(body)
                .when().post("/api/v1/feedback")
                .then().statusCode(202).body("duplicate", equalTo(false)).body("id", notNullValue())
                .extract().path("id");
        given().auth().oauth2("k-ingest").contentType("application/json").body(body)
                .when().post("/api/v1/feedback")
                .then().statusCode(200).body("duplicate", equalTo(true)).body("id", equalTo(id));

        IngestRecord record = recordsFor("demo/" + customer, 1).get(0);
        assertEquals(id, record.getFeedback().getFeedbackId());
        assertEquals("合同到期我们就解约😡", record.getFeedback().getText());
        assertEquals(3, record.getFeedback().getNps());
        assertEquals("demo", record.getTenant());
    }

    @Test
    void theSameExternalIdIsIndependentPerTenant() {
        String externalId = "shared-" + UUID.randomUUID();
        String body = """
                {"externalId": "%s", "customerId": "C1", "channel": "CHAT",
                 "occurredAt": "2026-03-01T10:00:00+08:00", "satisfaction": 8}""".formatted(externalId);
        given().auth().oauth2("k-ingest").contentType("application/json").body(body)
                .when().post("/api/v1/feedback").then().statusCode(202);
        given().auth().oauth2("k-acme").contentType("application/json").body(body)
                .when().post("/api/v1/feedback").then().statusCode(202);
    }

    @Test
    void invalidFeedbackNamesEachFieldAndWhy() {
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("""
                        {"externalId": "x-1", "customerId": "C 1", "channel": "SURVEY",
                         "occurredAt": "2026-03-01T10:00:00+08:00", "nps": 11, "satisfaction": 0}""")
                .when().post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", containsInAnyOrder("customerId", "nps", "satisfaction"))
                .body("errors.find { it.field == 'nps' }.message", equalTo("must be less than or equal to 10"));
    }

    @Test
    void feedbackWithoutAnySignalIsRefused() {
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("{\"externalId\": \"x-2\", \"customerId\": \"C1\", \"channel\": \"SURVEY\", "
                        + "\"occurredAt\": \"2026-03-01T10:00:00+08:00\"}")
                .when().post("/api/v1/feedback")
                .then().statusCode(400).body("errors[0].field", equalTo("text"));
    }

    @Test
    void wrongTypesAndUnknownEnumValuesAreReportedByField() {
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("{\"externalId\": \"x-3\", \"customerId\": \"C1\", \"channel\": \"FAX\", "
                        + "\"occurredAt\": \"2026-03-01T10:00:00+08:00\", \"nps\": 3}")
                .when().post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("channel"))
                .body("errors[0].message", containsString("SURVEY"));
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("{\"externalId\": \"x-4\", \"customerId\": \"C1\", \"channel\": \"CHAT\", "
                        + "\"occurredAt\": \"2026-03-01 10:00\", \"nps\": 3}")
                .when().post("/api/v1/feedback")
                .then().statusCode(400).body("errors[0].field", equalTo("occurredAt"));
        given().auth().oauth2("k-ingest").contentType("application/json").body("{not json")
                .when().post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** PostgreSQL cannot store U+0000: a string holding it is a field error, wherever it is, not a failed statement. */
    @Test
    void theNulCharacterIsRefusedAsAFieldError() {
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body(BatchAndIdempotencyTest.item("nul-" + UUID.randomUUID(), "C1", "\"text\": \"退款\\u0000了\""))
                .when().post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("text"))
                .body("errors[0].message", equalTo("must not contain the character U+0000 (NUL)"));
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("[" + BatchAndIdempotencyTest.item("nul-" + UUID.randomUUID(), "C1", "\"nps\": 4") + ","
                        + BatchAndIdempotencyTest.item("nul-" + UUID.randomUUID(), "C1", "\"text\": \"\\u0000\"") + "]")
                .when().post("/api/v1/feedback/batch")
                .then().statusCode(200).body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].errors[0].field", equalTo("text"));
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("""
                        {"externalId": "nul-%s", "customerId": "C1", "type": "TICKET_OPENED",
                         "occurredAt": "2026-02-20T09:30:00+08:00", "attributes": {"subject": "a\\u0000b"}}"""
                        .formatted(UUID.randomUUID()))
                .when().post("/api/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("attributes.subject"));
    }

    /** A lone UTF-16 surrogate is no character: refused where it is read, not mangled on the way to Kafka. */
    @Test
    void aLoneSurrogateIsRefusedAsAFieldError() {
        for (String text : new String[] {"退款\\uD800了", "\\uDC00", "ab\\uD83D"}) {
            given().auth().oauth2("k-ingest").contentType("application/json")
                    .body(BatchAndIdempotencyTest.item("sur-" + UUID.randomUUID(), "C1", "\"text\": \"" + text + "\""))
                    .when().post("/api/v1/feedback")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("text"))
                    .body("errors[0].message", containsString("lone UTF-16 surrogate"));
        }
        // a pair is one character (an emoji) and is kept
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body(BatchAndIdempotencyTest.item("sur-" + UUID.randomUUID(), "C1", "\"text\": \"太贵了\\uD83D\\uDE21\""))
                .when().post("/api/v1/feedback").then().statusCode(202);
    }

    /** Money is kept as numeric(14, 2) here and in scoring: a larger amount is a field error, not a failed statement. */
    @Test
    void amountsOfMoneyHaveARange() {
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("""
                        {"externalId": "big-%s", "customerId": "C1", "type": "PURCHASE",
                         "occurredAt": "2026-02-20T09:30:00+08:00", "amount": 1e20}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("amount"))
                .body("errors[0].message", equalTo("must be at most 999999999999.99"));
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("""
                        {"externalId": "big-%s", "customerId": "C1", "type": "PURCHASE",
                         "occurredAt": "2026-02-20T09:30:00+08:00", "amount": 999999999999.99}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/events").then().statusCode(202);
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("{\"name\": \"王女士\", \"annualValue\": 1e20}")
                .when().put("/api/v1/customers/C-big-" + UUID.randomUUID())
                .then().statusCode(400).body("errors[0].field", equalTo("annualValue"));
    }

    @Test
    void serviceVisitAttributesAreChecked() {
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("""
                        {"externalId": "v-%s", "customerId": "C1", "type": "SERVICE_VISIT",
                         "occurredAt": "2026-02-20T09:30:00+08:00", "amount": 680,
                         "attributes": {"addOnsOffered": 2, "addOnsAccepted": 3}}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("attributes.addOnsAccepted"));
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("""
                        {"externalId": "v-%s", "customerId": "C1", "type": "SERVICE_VISIT",
                         "occurredAt": "2026-02-20T09:30:00+08:00", "amount": 680,
                         "attributes": {"addOnsOffered": 2, "addOnsAccepted": 0}}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/events")
                .then().statusCode(202);
    }

    @Test
    void ingestingNeedsTheIngestRole() {
        given().contentType("application/json").body("{}").when().post("/api/v1/feedback").then().statusCode(401);
        given().auth().oauth2("k-read").contentType("application/json")
                .body("{\"externalId\": \"x\", \"customerId\": \"C1\", \"channel\": \"CHAT\", "
                        + "\"occurredAt\": \"2026-03-01T10:00:00+08:00\", \"nps\": 3}")
                .when().post("/api/v1/feedback").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void openApiDescribesEveryEndpointWithExamplesAndTheKey() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/api/v1/customers/{customerId}", "/api/v1/feedback",
                        "/api/v1/feedback/batch", "/api/v1/events", "/api/v1/events/batch"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("components.schemas.FeedbackRequest.properties.externalId.examples[0]", equalTo("survey-2026-000123"))
                .body("paths.'/api/v1/feedback'.post.security[0].apiKey", org.hamcrest.Matchers.notNullValue())
                .body("info.title", containsString("ingestion"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void readinessReportsDatabaseAndOutbox() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"));
    }

    /** The ingest records with this key, from the start of the topic (10 s at most). */
    static List<IngestRecord> recordsFor(String key, int count) {
        List<IngestRecord> found = new ArrayList<>();
        for (byte[] value : TestTopics.read(TOPIC, key, count, Duration.ofSeconds(10))) {
            try {
                found.add(IngestRecord.parseFrom(value));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        assertTrue(found.size() >= count, "expected " + count + " records for " + key + ", got " + found.size());
        return found;
    }
}
