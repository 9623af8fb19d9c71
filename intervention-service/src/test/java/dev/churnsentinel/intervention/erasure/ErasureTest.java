package dev.churnsentinel.intervention.erasure;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.SchemaScan;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.Contact;
import dev.churnsentinel.proto.events.v1.CustomerErasureRequested;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import dev.churnsentinel.proto.events.v1.ErasureStep;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.Signal;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.INGEST;
import static dev.churnsentinel.intervention.Fixtures.TIER_CHANGES;
import static dev.churnsentinel.intervention.Fixtures.await;
import static dev.churnsentinel.intervention.Fixtures.awaitTasks;
import static dev.churnsentinel.intervention.Fixtures.history;
import static dev.churnsentinel.intervention.Fixtures.notifications;
import static dev.churnsentinel.intervention.Fixtures.send;
import static dev.churnsentinel.intervention.Fixtures.tasks;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A customer asks to be forgotten: everything that names or quotes them goes, their tasks stay anonymised for the
 * reports, the erasure is confirmed once, and a tier change from before it that arrives late opens nothing.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class ErasureTest {
    private static final String KEY = "k-erase";
    private static final String TENANT = "erase";
    private static final String NAME = "王秀英";
    private static final String QUOTE = "我们下个月解约";
    private static final String ERASURES = "churnsentinel.erasures.v1";

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification api() {
        return given().auth().oauth2(KEY).contentType("application/json");
    }

    private static void ingest(String customer, IngestRecord.Builder record) {
        send(INGEST, TENANT, customer, record.setTenant(TENANT).setCustomerId(customer).build().toByteArray());
    }

    private static TierChanged tierChange(String customer, Instant changedAt, Instant triggerAcceptedAt) {
        return TierChanged.newBuilder().setId(UUID.randomUUID().toString()).setTenant(TENANT).setCustomerId(customer)
                .setPreviousTier(Tier.GREEN).setTier(Tier.RED).setRiskScore(95).setStage("DECIDED")
                .setChangedAt(changedAt.atOffset(ZoneOffset.ofHours(8)).toString())
                .setTriggerAcceptedAt(triggerAcceptedAt.toString())
                .addSignals(Signal.newBuilder().setCode("HIGH_RISK_KEYWORD").setDetail("said \"" + QUOTE + "\""))
                .addEvidence("…" + QUOTE + "，价格太高了…").setModelVersion(1).build();
    }

    private static JsonPath report(OffsetDateTime from, OffsetDateTime to) {
        return api().queryParam("from", from.toString()).queryParam("to", to.toString()).when()
                .get("/api/v1/reports/retention").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anErasedCustomerLeavesNoTraceButTheReportsKeepTheirNumbers() throws Exception {
        OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        String customer = "C-" + UUID.randomUUID();
        String email = "wang.xiuying." + customer.substring(2, 10) + "@example.com";

        // an integrator is told of tier and task changes: its deliveries carry the customer too
        given().auth().oauth2(KEY).contentType("application/json")
                .body("{\"url\": \"http://127.0.0.1:9/erase-hook\", \"events\": [\"TIER_CHANGED\", \"TASK_CHANGED\"]}")
                .post("/api/v1/subscriptions").then().statusCode(201);
        ingest(customer, IngestRecord.newBuilder().setId(UUID.randomUUID().toString())
                .setAcceptedAt(Instant.now().toString()).setCustomer(CustomerUpserted.newBuilder().setName(NAME)
                        .setValueTier("VIP").setAnnualValue(8000)
                        .putContacts("PRIMARY_CONTACT", Contact.newBuilder().setId("c-self").setName(NAME).setEmail(email)
                                .setPhone("13800138000").build())
                        .putContacts("SENIOR_MANAGER", Contact.newBuilder().setId("sm-erase").setName("周总")
                                .setEmail("zhou.erase@example.com").build())));
        TestTopics.awaitConsumed("intervention-service-profiles", INGEST, Duration.ofSeconds(20));
        send(TIER_CHANGES, TENANT, customer, tierChange(customer, Instant.now(), Instant.now().minusSeconds(1)).toByteArray());
        String id = awaitTasks(KEY, customer, list -> list.getList("items").size() == 1
                && !notifications(KEY, list.getString("items[0].id")).getList("items").isEmpty()).getString("items[0].id");
        api().body("{\"text\": \"" + NAME + "来电说" + QUOTE + "\", \"by\": \"周总\"}")
                .post("/api/v1/tasks/" + id + "/comments").then().statusCode(201);
        api().body("{\"outcome\": \"RETAINED\", \"rootCause\": \"" + NAME + "嫌保养太贵\", \"actions\": \"送两次免费保养\", "
                        + "\"cost\": 500, \"note\": \"" + NAME + "原话：" + QUOTE + "\"}")
                .post("/api/v1/tasks/" + id + "/resolve").then().statusCode(200);
        assertTrue(tasks(KEY, customer).prettify().contains(QUOTE), "the evidence is on the task before");
        OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1);
        JsonPath before = report(from, to);
        assertEquals(1, before.getInt("tiers[0].outcomes.retained"), before.prettify());

        // the erasure, delivered twice, and once more under another record id
        String erasureId = UUID.randomUUID().toString();
        Instant requestedAt = Instant.now();
        IngestRecord.Builder erasure = IngestRecord.newBuilder().setId(UUID.randomUUID().toString())
                .setAcceptedAt(requestedAt.toString()).setErasure(CustomerErasureRequested.newBuilder()
                        .setErasureId(erasureId).setRequestedAt(requestedAt.toString()).setRequestedBy("dpo"));
        ingest(customer, erasure);
        ingest(customer, erasure);
        ingest(customer, erasure.setId(UUID.randomUUID().toString()));
        List<byte[]> steps = TestTopics.read(ERASURES, TENANT + "/" + customer, 2, Duration.ofSeconds(15));
        TestTopics.awaitConsumed("intervention-service-profiles", INGEST, Duration.ofSeconds(20));
        steps = TestTopics.read(ERASURES, TENANT + "/" + customer, 2, Duration.ofSeconds(3));
        assertEquals(1, steps.size(), "one confirmation of the one erasure");
        ErasureStep step = ErasureStep.parseFrom(steps.get(0));
        assertEquals(erasureId, step.getErasureId());
        assertEquals(TENANT, step.getTenant());
        assertEquals(customer, step.getCustomerId());
        assertEquals("intervention-service", step.getService());
        assertFalse(step.getDoneAt().isEmpty());
        Map<String, Long> counts = step.getCountsMap();
        assertEquals(1L, counts.get("tasksAnonymised"), counts.toString());
        assertEquals(1L, counts.get("profile"), counts.toString());
        assertEquals(2L, counts.get("contacts"), counts.toString());
        assertTrue(counts.get("notifications") >= 1, counts.toString());
        assertTrue(counts.get("webhookDeliveries") >= 2, counts.toString());
        assertTrue(counts.get("taskEventsCleared") >= 2, "the comment and the resolution: " + counts);

        // the customer is gone from the API; their task stays, anonymised
        assertTrue(tasks(KEY, customer).getList("items").isEmpty());
        JsonPath task = api().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("erased:" + erasureId, task.getString("customerId"));
        assertEquals(List.of(), task.getList("reason.evidence"));
        assertEquals("HIGH_RISK_KEYWORD", task.getString("reason.signals[0].code"));
        assertNull(task.getString("reason.signals[0].detail"));
        assertNull(task.getString("rootCause"));
        assertNull(task.getString("actions"));
        assertEquals("RED", task.getString("tier"));
        assertEquals("RESOLVED", task.getString("status"));
        assertEquals("RETAINED", task.getString("outcome"));
        assertEquals(500.0, task.getDouble("cost"));
        assertEquals("sm-erase", task.getString("assignee.id"), "the manager who worked it is staff, kept");
        JsonPath trail = history(KEY, id);
        assertEquals("ERASED", trail.getString("items[-1].type"));
        assertFalse(trail.prettify().contains(NAME) || trail.prettify().contains(QUOTE), trail.prettify());
        assertEquals("RETAINED", trail.getString("items.find { it.type == 'RESOLVED' }.detail.outcome"));
        assertTrue(notifications(KEY, id).getList("items").isEmpty());
        assertEquals(before.getList("tiers"), report(from, to).getList("tiers"), "the report's numbers do not change");
        assertEquals(before.getMap("exitReasons"), report(from, to).getMap("exitReasons"));

        // nowhere in intervention's schema (the outbox keeps the confirmation's key until it is relayed)
        List<String> needles = List.of(customer, NAME, email, QUOTE);
        List<String> found = await(() -> findAnywhere(needles), List::isEmpty, "no trace of the customer",
                Duration.ofSeconds(15));
        assertEquals(List.of(), found);

        // a tier change scoring made before the erasure, delivered after it: nothing opens
        send(TIER_CHANGES, TENANT, customer, tierChange(customer, requestedAt.minusSeconds(30), requestedAt.minusSeconds(60))
                .toByteArray());
        TestTopics.awaitConsumed("intervention-service", TIER_CHANGES, Duration.ofSeconds(20));
        assertTrue(tasks(KEY, customer).getList("items").isEmpty(), "no task from data of before the erasure");
        assertEquals(List.of(), findAnywhere(needles));
        // one made after it is a new start
        send(TIER_CHANGES, TENANT, customer, tierChange(customer, Instant.now(), Instant.now()).toByteArray());
        JsonPath fresh = awaitTasks(KEY, customer, list -> list.getList("items").size() == 1);
        assertEquals(customer, fresh.getString("items[0].customerId"));
    }

    /** Every text, varchar and JSON column of every table of the schema holding any of the needles: "table.column". */
    private List<String> findAnywhere(List<String> needles) {
        try (Connection connection = dataSource.getConnection()) {
            int columns = SchemaScan.columns(connection, List.of("intervention"), SchemaScan.TEXT);
            assertTrue(columns > 50, "the schema's columns: " + columns);
            return SchemaScan.holding(connection, List.of("intervention"), SchemaScan.TEXT, needles).stream()
                    .map(found -> found.table() + "." + found.column() + " holds " + found.needle()).toList();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
