package dev.churnsentinel.scoring.health;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.FeedbackReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records on the ingest topic in, health and tier changes out, with the real text-signal-service. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class ScoringFlowTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void cancellationWordsMakeTheCustomerRedOnceWithEvidence() {
        String customer = "C-" + UUID.randomUUID();
        IngestRecord first = feedback(customer, "合同到期我们就解约，不想再续了。", null, null);
        send(first);

        awaitHealth(customer, "RED")
                .body("overrides[0].rule", equalTo("HIGH_RISK_KEYWORD"))
                .body("overrides[0].category", equalTo("CANCELLATION"))
                .body("overrides[0].evidence", containsString("解约"))
                .body("model.name", equalTo("churn-risk"))
                .body("stage", equalTo("DECIDED"));
        send(feedback(customer, "我说了，要解约！", null, null));

        List<TierChanged> changes = tierChangesFor(customer, Duration.ofSeconds(5));
        assertEquals(1, changes.size(), "one announcement, not one per message");
        assertEquals(dev.churnsentinel.proto.events.v1.Tier.RED, changes.get(0).getTier());
        assertEquals(dev.churnsentinel.proto.events.v1.Tier.GREEN, changes.get(0).getPreviousTier());
        assertEquals(1, changes.get(0).getEvidenceCount(), "one quote per feedback, though it holds two phrases");
        assertEquals(Instant.parse(first.getAcceptedAt()), Instant.parse(changes.get(0).getTriggerAcceptedAt()),
                "when ingestion accepted the feedback that moved the customer");
        assertTrue(changes.get(0).getEvidenceList().get(0).contains("解约"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("sentinel_tier_transitions_total{from=\"GREEN\",to=\"RED\"}"))
                // text-signal's latency as scoring sees it, in buckets a p99 alert can read
                .body(containsString("grpc_client_processing_duration_seconds_bucket{"));
        // the customer's row keeps its documents without the empty values, and reads back whole (the API above)
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select signals, assessment from customer_health where customer_id = ?")) {
            select.setString(1, customer);
            ResultSet row = select.executeQuery();
            assertTrue(row.next());
            assertFalse(row.getString(1).contains("null"), row.getString(1));
            assertFalse(row.getString(2).contains("null"), row.getString(2));
            assertTrue(row.getString(1).contains("解约"), "the evidence is kept");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBurstOfNewRedCustomersIsScoredAndAnnouncedOnceEach() throws SQLException {
        String prefix = "burst-" + UUID.randomUUID() + "-";
        int customers = 2000;
        Map<String, byte[]> burst = new LinkedHashMap<>();
        for (int i = 0; i < customers; i++) {
            burst.put("burst/" + prefix + i, feedback("burst", prefix + i, OffsetDateTime.now(), "价格太贵了，我们下个月解约。",
                    null, null).toByteArray());
        }
        // large polls on both of the service's consumers at once, each in a transaction of its own
        TestTopics.sendBurst("churnsentinel.ingest.v1", burst);
        TestTopics.awaitConsumed("scoring-service", "churnsentinel.ingest.v1", Duration.ofSeconds(60));

        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select count(*) filter (where alerted_tier = 'RED'), count(*) from customer_health where customer_id like ?")) {
            select.setString(1, prefix + "%");
            ResultSet row = select.executeQuery();
            assertTrue(row.next());
            assertEquals(customers, row.getInt(2), "every customer scored, none dead-lettered");
            assertEquals(customers, row.getInt(1), "every customer announced RED");
        }
        assertEquals(1, tierChangesFor("burst", prefix + (customers - 1), 1, Duration.ofSeconds(10)).size());
    }

    @Test
    void theTraceOfTheIngestedRecordContinuesOnTheTierChange() {
        String customer = "C-" + UUID.randomUUID();
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        IngestRecord record = feedback(customer, "我们要退款，然后解约。", null, null);
        TestTopics.send("churnsentinel.ingest.v1", "demo/" + customer, record.toByteArray(),
                java.util.Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));
        var changes = TestTopics.records("churnsentinel.tier-changes.v1", "demo/" + customer, 1, Duration.ofSeconds(20));
        assertEquals(1, changes.size());
        var header = changes.get(0).headers().lastHeader("traceparent");
        assertTrue(header != null, "the tier change carries no traceparent");
        String traceparent = new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(traceparent.startsWith("00-" + traceId + "-"), traceparent);
    }

    @Test
    void aRecordThatIsNotAnIngestRecordGoesToTheDeadLetterTopicAndTheOthersAreApplied() {
        String customer = "C-" + UUID.randomUUID();
        byte[] garbage = ("not protobuf " + customer).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TestTopics.send("churnsentinel.ingest.v1", "demo/" + customer, new byte[] {(byte) 0xff, 0x01, 0x02});
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        TestTopics.send("churnsentinel.ingest.v1", "demo/" + customer, garbage, Map.of("traceparent", traceparent));
        send(feedback(customer, null, 9, 9));
        awaitHealth(customer, "GREEN");
        var letters = TestTopics.records("churnsentinel.ingest.v1.scoring-dlq", "demo/" + customer, 2, Duration.ofSeconds(10));
        assertEquals(2, letters.size());
        // each keeps what it came with, and says why, when and where from: what a replay needs
        var second = letters.get(1);
        assertEquals(new String(garbage, java.nio.charset.StandardCharsets.UTF_8),
                new String(second.value(), java.nio.charset.StandardCharsets.UTF_8));
        // the original traceparent comes first (the producer's tracing adds one of the dead-lettering span after it)
        assertEquals(traceparent, new String(second.headers().headers("traceparent").iterator().next().value(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(header(second, "x-sentinel-dlq-reason").startsWith("Unreadable: not an IngestRecord"),
                header(second, "x-sentinel-dlq-reason"));
        assertEquals("churnsentinel.ingest.v1", header(second, "x-sentinel-dlq-topic"));
        assertTrue(Long.parseLong(header(second, "x-sentinel-dlq-offset")) >= 0);
        java.time.Instant.parse(header(second, "x-sentinel-dlq-at"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString(
                "sentinel_dead_letters_total{reason=\"Unreadable\",topic=\"churnsentinel.ingest.v1\"}"));
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        assertTrue(header != null, "no header " + name);
        return new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void calmPraiseKeepsTheCustomerGreenWithoutAnnouncement() {
        String customer = "C-" + UUID.randomUUID();
        send(feedback(customer, "价格不贵，服务也挺周到的", null, 9));
        awaitHealth(customer, "GREEN").body("stage", equalTo("SATISFIED"));
        assertTrue(tierChangesFor(customer, Duration.ofSeconds(2)).isEmpty());
    }

    @Test
    void aRedeliveredRecordIsAppliedOnce() {
        String customer = "C-" + UUID.randomUUID();
        send(feedback(customer, null, null, 9));
        IngestRecord low = feedback(customer, null, null, 6);
        send(low);
        send(low);
        IngestRecord marker = feedback(customer, null, 9, null);
        send(marker);
        awaitHealth(customer, "GREEN");  // two applications of the 6 would be "two low scores in a row": YELLOW
        send(feedback(customer, null, null, 6));
        awaitHealth(customer, "YELLOW")
                .body("overrides.rule", org.hamcrest.Matchers.hasItem("LOW_SATISFACTION_IN_ROW"));
    }

    @Test
    void atRiskListAndHistoryAreTenantScoped() {
        String customer = "C-" + UUID.randomUUID();
        send(feedback(customer, "服务态度恶劣，我要投诉到12315", null, null));
        awaitHealth(customer, "RED");
        given().auth().oauth2("k-read").when().get("/api/v1/customers?tier=RED&limit=500")
                .then().statusCode(200).body("items.customerId", org.hamcrest.Matchers.hasItem(customer));
        given().auth().oauth2("k-read").when().get("/api/v1/customers/" + customer + "/health/history")
                .then().statusCode(200).body("items[0].tier", equalTo("RED"));
        given().auth().oauth2("k-acme").when().get("/api/v1/customers/" + customer + "/health")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2("k-ingest").when().get("/api/v1/customers/" + customer + "/health")
                .then().statusCode(403);
        given().auth().oauth2("k-read").when().get("/api/v1/customers?tier=PURPLE")
                .then().statusCode(400).body("errors[0].field", equalTo("tier"));
    }

    @Test
    void backfilledHistoryRaisesNoFalseAlarm() {
        String customer = "C-" + UUID.randomUUID();
        OffsetDateTime first = OffsetDateTime.now().minusDays(280);
        for (int visit = 0; visit < 4; visit++) {
            send(IngestRecord.newBuilder().setId(UUID.randomUUID().toString()).setTenant("demo").setCustomerId(customer)
                    .setEvent(dev.churnsentinel.proto.events.v1.EventReceived.newBuilder()
                            .setEventId(UUID.randomUUID().toString()).setType("SERVICE_VISIT").setAmount(1200)
                            .setOccurredAt(first.plusDays(90L * visit).toString()))
                    .build());
        }
        send(feedback(customer, null, null, 9));
        awaitHealth(customer, "GREEN");
        assertTrue(tierChangesFor(customer, Duration.ofSeconds(2)).isEmpty(),
                "a year of visits every 90 days, sent today, is no reason to call anyone");
    }

    @Test
    void readinessCoversDatabaseKafkaAndTextSignal() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'text-signal gRPC' }.status", equalTo("UP"));
    }

    static IngestRecord feedback(String customer, String text, Integer nps, Integer satisfaction) {
        return feedback("demo", customer, OffsetDateTime.now(), text, nps, satisfaction);
    }

    static IngestRecord feedback(String tenant, String customer, OffsetDateTime at, String text, Integer nps, Integer satisfaction) {
        FeedbackReceived.Builder f = FeedbackReceived.newBuilder().setFeedbackId(UUID.randomUUID().toString())
                .setExternalId("ext-" + UUID.randomUUID()).setChannel("SURVEY")
                .setOccurredAt(at.toString());
        if (text != null) f.setText(text);
        if (nps != null) f.setNps(nps);
        if (satisfaction != null) f.setSatisfaction(satisfaction);
        return IngestRecord.newBuilder().setId(UUID.randomUUID().toString()).setTenant(tenant).setCustomerId(customer)
                .setAcceptedAt(OffsetDateTime.now().toString()).setFeedback(f).build();
    }

    static void send(IngestRecord record) {
        TestTopics.send("churnsentinel.ingest.v1", record.getTenant() + "/" + record.getCustomerId(), record.toByteArray());
    }

    /** Polls the health endpoint until the customer has the tier (20 s at most). */
    static ValidatableResponse awaitHealth(String customer, String tier) {
        return awaitHealth("k-read", customer, tier);
    }

    static ValidatableResponse awaitHealth(String key, String customer, String tier) {
        Instant deadline = Instant.now().plusSeconds(20);
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            var response = given().auth().oauth2(key).when().get("/api/v1/customers/" + customer + "/health");
            if (response.statusCode() == 200) {
                seen = response.path("tier");
                if (tier.equals(seen)) {
                    return response.then().statusCode(200);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("customer " + customer + " did not become " + tier + " (last seen: " + seen + ")");
    }

    static List<TierChanged> tierChangesFor(String customer, Duration wait) {
        return tierChangesFor("demo", customer, 0, wait);
    }

    static List<TierChanged> tierChangesFor(String tenant, String customer, int atLeast, Duration wait) {
        List<TierChanged> found = new ArrayList<>();
        for (byte[] value : TestTopics.read("churnsentinel.tier-changes.v1", tenant + "/" + customer, atLeast, wait)) {
            try {
                found.add(TierChanged.parseFrom(value));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return found;
    }
}
