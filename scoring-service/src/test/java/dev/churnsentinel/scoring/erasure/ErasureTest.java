package dev.churnsentinel.scoring.erasure;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.SchemaScan;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.CustomerErasureRequested;
import dev.churnsentinel.proto.events.v1.ErasureStep;
import dev.churnsentinel.proto.events.v1.EventReceived;
import dev.churnsentinel.proto.events.v1.FeedbackReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.TaskOutcome;
import dev.churnsentinel.proto.events.v1.TaskResolved;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.scoring.health.TextSignalServiceResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A customer's erasure, as the ingest topic brings it: what scoring forgets, what it keeps anonymously, what it says. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class ErasureTest {
    private static final String TENANT = "erase";
    private static final String KEY = "k-erase";
    private static final String INGEST = "churnsentinel.ingest.v1";
    private static final String ERASURES = "churnsentinel.erasures.v1";
    private static final String NAME_CHARACTERS = "春夏秋冬梅兰竹菊松柏桃李杏梨荷莲";

    /** A name of three characters that no other test's customer says. */
    private static String name() {
        java.util.Random random = new java.util.Random();
        return "秀" + NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length()))
                + NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length()));
    }

    /** A sentence with a high-risk phrase, whose evidence quote around 解约 takes in {@code name}. */
    private static String sentence(String name) {
        return "合同到期我们就解约，" + name + "不想再续了。";
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anErasedCustomerIsGoneFromEveryColumnAndCountsOnAnonymouslyWithOneStepEvenIfAskedTwice() throws Exception {
        String customer = "E-" + UUID.randomUUID();
        String name = name();
        send(feedback(customer, sentence(name)));
        send(IngestRecord.newBuilder().setId(UUID.randomUUID().toString()).setTenant(TENANT).setCustomerId(customer)
                .setAcceptedAt(OffsetDateTime.now().toString())
                .setEvent(EventReceived.newBuilder().setEventId("V-" + customer).setType("SERVICE_VISIT")
                        .setOccurredAt("2026-03-02T10:00:00Z").setAmount(300)).build());
        String taskId = UUID.randomUUID().toString();
        TestTopics.send("churnsentinel.task-outcomes.v1", TENANT + "/" + customer, TaskResolved.newBuilder()
                .setId(UUID.randomUUID().toString()).setTenant(TENANT).setCustomerId(customer).setTaskId(taskId)
                .setKind("RESCUE").setTier(Tier.RED).setOutcome(TaskOutcome.FALSE_ALARM)
                .setCreatedAt("2026-03-01T11:00:00Z").setResolvedAt("2026-03-03T10:00:00Z").build().toByteArray());
        awaitRows("select count(*) from signal_log where tenant = ? and customer_id = ?", customer, 2);
        awaitRows("select count(*) from task_outcome where tenant = ? and customer_id = ?", customer, 1);
        given().auth().oauth2(KEY).when().get("/api/v1/customers/" + customer + "/health").then().statusCode(200)
                .body("tier", equalTo("RED"));
        given().auth().oauth2(KEY).when().get("/api/v1/customers?limit=500").then().statusCode(200)
                .body("items.customerId", hasItem(customer));
        // what is checked for later is there now: the customer's id and words are held, the words in an evidence quote
        List<String> before = holding(customer);
        assertTrue(before.contains("customer_health.customer_id") && before.contains("health_history.customer_id")
                && before.contains("signal_log.customer_id") && before.contains("task_outcome.customer_id"), before.toString());
        List<String> words = holding(name);
        assertTrue(words.contains("customer_health.signals") && words.contains("health_history.reason"), words.toString());
        long tenantLog = count("select count(*) from signal_log where tenant = ?", TENANT);
        long tenantFalseAlarms = count("select count(*) from task_outcome where tenant = ? and outcome = 'FALSE_ALARM' "
                + "and tier = 'RED'", TENANT);
        long history = count("select count(*) from health_history where tenant = ? and customer_id = ?", TENANT, customer);

        String erasureId = UUID.randomUUID().toString();
        IngestRecord erasure = erasure(customer, erasureId);
        send(erasure);
        send(erasure); // delivered again, under the same record id
        List<byte[]> steps = TestTopics.read(ERASURES, TENANT + "/" + customer, 1, Duration.ofSeconds(60));
        assertEquals(1, steps.size(), "the step");
        // asked again under a record id of its own, after the step: still nothing more
        send(erasure.toBuilder().setId(UUID.randomUUID().toString()).build());
        TestTopics.awaitConsumed("scoring-service", INGEST, Duration.ofSeconds(60));
        steps = TestTopics.read(ERASURES, TENANT + "/" + customer, 2, Duration.ofSeconds(5));
        assertEquals(1, steps.size(), "one step whatever the deliveries");
        ErasureStep step = ErasureStep.parseFrom(steps.get(0));
        assertEquals(erasureId, step.getErasureId());
        assertEquals(TENANT, step.getTenant());
        assertEquals(customer, step.getCustomerId());
        assertEquals("scoring-service", step.getService());
        assertFalse(step.getDoneAt().isEmpty());
        assertEquals(Map.of("health", 1L, "history", history, "signalLog", 2L, "taskOutcomes", 1L), step.getCountsMap());

        given().auth().oauth2(KEY).when().get("/api/v1/customers/" + customer + "/health").then().statusCode(404);
        given().auth().oauth2(KEY).when().get("/api/v1/customers?limit=500").then().statusCode(200)
                .body("items.customerId", not(hasItem(customer)));
        // once the relay has sent the step (and with it the last row naming the customer), no column holds them
        List<String> after = holding(customer);
        for (int i = 0; i < 50 && !after.isEmpty(); i++) {
            Thread.sleep(100);
            after = holding(customer);
        }
        assertEquals(List.of(), after, "columns still naming the customer");
        assertEquals(List.of(), holding(name), "columns still holding their words");
        // what the reports count is the same, filed under the anonymous id
        String anonymous = "erased:" + erasureId;
        assertEquals(tenantLog, count("select count(*) from signal_log where tenant = ?", TENANT));
        assertEquals(2, count("select count(*) from signal_log where tenant = ? and customer_id = ?", TENANT, anonymous));
        assertEquals(tenantFalseAlarms, count("select count(*) from task_outcome where tenant = ? and outcome = 'FALSE_ALARM' "
                + "and tier = 'RED'", TENANT));
        assertEquals(1, count("select count(*) from task_outcome where tenant = ? and customer_id = ? and task_id = ?",
                TENANT, anonymous, taskId));
    }

    @Test
    void anErasureOfACustomerNeverSeenIsConfirmedWithNothingCountedAndALaterRecordStartsAfresh() throws Exception {
        String customer = "E-" + UUID.randomUUID();
        String erasureId = UUID.randomUUID().toString();
        send(erasure(customer, erasureId));
        List<byte[]> steps = TestTopics.read(ERASURES, TENANT + "/" + customer, 1, Duration.ofSeconds(60));
        assertEquals(1, steps.size());
        assertEquals(Map.of("health", 0L, "history", 0L, "signalLog", 0L, "taskOutcomes", 0L),
                ErasureStep.parseFrom(steps.get(0)).getCountsMap());

        send(feedback(customer, sentence(name())));
        awaitRows("select count(*) from signal_log where tenant = ? and customer_id = ?", customer, 1);
        given().auth().oauth2(KEY).when().get("/api/v1/customers/" + customer + "/health").then().statusCode(200)
                .body("tier", equalTo("RED"));
    }

    @Test
    void recordsOfACustomerBeforeAndAfterTheirErasureInOnePollAreErasedAndStartAfresh() throws Exception {
        String customer = "E-" + UUID.randomUUID();
        String erasureId = UUID.randomUUID().toString();
        String name = name();
        // sent together on one key (one partition, in order), so they come in one poll as a rule
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                InfrastructureTestResource.shared().kafka().bootstrapServers(), "linger.ms", 50),
                new StringSerializer(), new ByteArraySerializer())) {
            for (IngestRecord record : List.of(feedback(customer, sentence(name)), erasure(customer, erasureId),
                    feedback(customer, "服务很好，下次还来。"))) {
                producer.send(new ProducerRecord<>(INGEST, TENANT + "/" + customer, record.toByteArray()));
            }
            producer.flush();
        }
        assertEquals(1, TestTopics.read(ERASURES, TENANT + "/" + customer, 1, Duration.ofSeconds(60)).size());
        awaitRows("select count(*) from signal_log where tenant = ? and customer_id = ?", customer, 1);
        assertEquals(1, count("select count(*) from signal_log where tenant = ? and customer_id = ?", TENANT, customer),
                "the record after the erasure");
        assertEquals(1, count("select count(*) from signal_log where tenant = ? and customer_id = ?", TENANT,
                "erased:" + erasureId), "the record before it");
        given().auth().oauth2(KEY).when().get("/api/v1/customers/" + customer + "/health").then().statusCode(200)
                .body("overrides.rule", not(hasItem("HIGH_RISK_KEYWORD")));
        assertEquals(List.of(), holding(name), "the quote before the erasure");
    }

    private static IngestRecord feedback(String customer, String text) {
        return IngestRecord.newBuilder().setId(UUID.randomUUID().toString()).setTenant(TENANT).setCustomerId(customer)
                .setAcceptedAt(OffsetDateTime.now().toString())
                .setFeedback(FeedbackReceived.newBuilder().setFeedbackId("F-" + UUID.randomUUID()).setChannel("SURVEY")
                        .setOccurredAt(OffsetDateTime.now().minusHours(1).toString()).setText(text).setSatisfaction(2)).build();
    }

    private static IngestRecord erasure(String customer, String erasureId) {
        return IngestRecord.newBuilder().setId(UUID.randomUUID().toString()).setTenant(TENANT).setCustomerId(customer)
                .setAcceptedAt(OffsetDateTime.now().toString())
                .setErasure(CustomerErasureRequested.newBuilder().setErasureId(erasureId)
                        .setRequestedAt(OffsetDateTime.now().toInstant().toString()).setRequestedBy("k-dpo")).build();
    }

    private static void send(IngestRecord record) {
        TestTopics.send(INGEST, record.getTenant() + "/" + record.getCustomerId(), record.toByteArray());
    }

    /** Every text, varchar and JSON column of scoring's schema ("table.column") holding {@code needle} in some row. */
    private List<String> holding(String needle) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            int columns = SchemaScan.columns(c, List.of("scoring"), SchemaScan.TEXT);
            assertTrue(columns > 20, "the schema's columns: " + columns);
            return SchemaScan.holding(c, List.of("scoring"), SchemaScan.TEXT, List.of(needle)).stream()
                    .map(found -> found.table() + "." + found.column()).toList();
        }
    }

    private long count(String sql, String... parameters) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void awaitRows(String sql, String customer, long atLeast) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (count(sql, TENANT, customer) >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + atLeast + " rows for " + customer + ": " + sql);
    }
}
