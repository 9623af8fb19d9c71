package dev.churnsentinel.scoring.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
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
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backtest through the API, on a history in the signal log, and the log written as records are applied. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class ModelQualityApiTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper json;

    @Test
    void aRecordAppliedIsLoggedAsTheModelReadItWithoutItsText() throws Exception {
        String customer = "Q-" + UUID.randomUUID();
        String text = "合同到期我们就解约，不想再续了。";
        IngestRecord record = IngestRecord.newBuilder().setId(UUID.randomUUID().toString()).setTenant("demo")
                .setCustomerId(customer).setAcceptedAt(OffsetDateTime.now().toString())
                .setFeedback(FeedbackReceived.newBuilder().setFeedbackId("F-" + customer).setChannel("SURVEY")
                        .setOccurredAt("2026-03-01T10:00:00Z").setText(text).setSatisfaction(3)).build();
        TestTopics.send("churnsentinel.ingest.v1", "demo/" + customer, record.toByteArray());
        String input = null;
        for (int i = 0; i < 200 && input == null; i++) {
            try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                    "select input, occurred_at, record_id from signal_log where tenant = 'demo' and customer_id = ?")) {
                select.setString(1, customer);
                ResultSet row = select.executeQuery();
                if (row.next()) {
                    input = row.getString(1);
                    assertEquals(Instant.parse("2026-03-01T10:00:00Z"), row.getTimestamp(2).toInstant());
                    assertEquals(record.getId(), row.getString(3));
                } else {
                    Thread.sleep(100);
                }
            }
        }
        assertTrue(input != null, "the applied record is in the log");
        assertFalse(input.contains("解约，不想"), "no free text in the log: " + input);
        assertTrue(input.contains("\"category\":\"CANCELLATION\""), "what text-signal found is: " + input);
        assertTrue(input.contains("\"satisfaction\":3"), input);
    }

    @Test
    void theTenantSeesHowWellItsScoreForetoldWhoCancelled() throws Exception {
        List<Population.Customer> customers = new Population(11, START, END, Population.Drift.ALL).customers(800, 0.15, 0.2, 0.05);
        store("quality", customers);
        given().auth().oauth2("k-quality").when().get("/api/v1/model-quality?asOf=2025-06-01&horizonDays=90")
                .then().statusCode(200)
                .body("asOf", equalTo("2025-06-01T00:00:00Z")).body("horizonDays", equalTo(90))
                .body("lookBackDays", equalTo(180)).body("modelVersion", equalTo(1)).body("complete", equalTo(true))
                .body("customers", greaterThan(600)).body("churned", greaterThan(10))
                .body("auc.value", greaterThan(0.7f)).body("auc.low", lessThan(0.9f))
                .body("tiers.RED.lift", greaterThan(2f)).body("calibration.size()", equalTo(10))
                .body("leadTimeDays.p50", greaterThan(14f));
        given().auth().oauth2("k-quality").when().get("/api/v1/model-quality/trend?months=3&horizonDays=30")
                .then().statusCode(200).body("size()", equalTo(3))
                // the last three months of the calendar are after the generated history ends: nobody to score
                .body("[2].tooLittleHistory", containsString("at least 50 customers"));
        given().auth().oauth2("k-quality").when().get("/api/v1/model-quality?asOf=2024-02-01")
                .then().statusCode(422).body("title", equalTo("Too little history"))
                .body("detail", containsString("at least 50 customers"))
                .body("detail", containsString("history starts at 2024-01-01"));
    }

    @Test
    void tasksInterventionResolvedAreCountedOncePerTierForTheWindowTheyWereResolvedIn() throws Exception {
        store("alarms", new Population(11, START, END, Population.Drift.ALL).customers(800, 0.15, 0.2, 0.05));
        // the window of asOf=2025-06-01 with 90 days: after 2025-06-01T00:00Z, up to 2025-08-30T00:00Z
        String falseAlarm = UUID.randomUUID().toString();
        resolved("alarms", falseAlarm, "RESCUE", Tier.RED, TaskOutcome.FALSE_ALARM, "2025-06-10T08:00:00+08:00");
        resolved("alarms", falseAlarm, "RESCUE", Tier.RED, TaskOutcome.FALSE_ALARM, "2025-06-10T08:00:00+08:00");
        resolved("alarms", UUID.randomUUID().toString(), "RESCUE", Tier.RED, TaskOutcome.RETAINED, "2025-06-20T10:00:00Z");
        resolved("alarms", UUID.randomUUID().toString(), "EXIT_SURVEY", Tier.RED, TaskOutcome.CHURNED, "2025-07-02T10:00:00Z");
        resolved("alarms", UUID.randomUUID().toString(), "INTERVENE", Tier.ORANGE, TaskOutcome.FALSE_ALARM, "2025-08-30T00:00:00Z");
        resolved("alarms", UUID.randomUUID().toString(), "CARE", Tier.YELLOW, TaskOutcome.FALSE_ALARM, "2025-06-01T00:00:00Z");
        resolved("alarms", UUID.randomUUID().toString(), "RESCUE", Tier.RED, TaskOutcome.FALSE_ALARM, "2025-09-15T10:00:00Z");
        resolved("quality", UUID.randomUUID().toString(), "RESCUE", Tier.RED, TaskOutcome.FALSE_ALARM, "2025-06-10T10:00:00Z");
        // one that says no tier is set aside, and the rest are stored
        TaskResolved noTier = TaskResolved.newBuilder().setId(UUID.randomUUID().toString()).setTenant("alarms")
                .setCustomerId("A-bad").setTaskId(UUID.randomUUID().toString()).setKind("RESCUE")
                .setOutcome(TaskOutcome.FALSE_ALARM).setCreatedAt("2025-06-01T00:00:00Z").setResolvedAt("2025-06-11T00:00:00Z")
                .build();
        TestTopics.send("churnsentinel.task-outcomes.v1", "alarms/A-bad", noTier.toByteArray());
        TestTopics.awaitConsumed("scoring-service", "churnsentinel.task-outcomes.v1", Duration.ofSeconds(60));
        assertEquals(1, TestTopics.records("churnsentinel.task-outcomes.v1.scoring-dlq", "alarms/A-bad", 1,
                Duration.ofSeconds(10)).size(), "the outcome without a tier is set aside");

        given().auth().oauth2("k-alarms").when().get("/api/v1/model-quality?asOf=2025-06-01&horizonDays=90")
                .then().statusCode(200)
                .body("customers", greaterThan(600))
                .body("falseAlarms.RED.resolved", equalTo(2)).body("falseAlarms.RED.falseAlarms", equalTo(1))
                .body("falseAlarms.RED.retained", equalTo(1)).body("falseAlarms.RED.churned", equalTo(0))
                .body("falseAlarms.RED.falseAlarmShare", equalTo(0.5f))
                .body("falseAlarms.ORANGE.resolved", equalTo(1)).body("falseAlarms.ORANGE.falseAlarms", equalTo(1))
                .body("falseAlarms.YELLOW.resolved", equalTo(0)).body("falseAlarms.YELLOW.falseAlarmShare", nullValue())
                .body("falseAlarms.GREEN.resolved", equalTo(0));
        // the later window holds the task resolved in September
        given().auth().oauth2("k-alarms").when().get("/api/v1/model-quality?asOf=2025-07-01&horizonDays=90")
                .then().statusCode(200)
                .body("falseAlarms.RED.resolved", equalTo(1)).body("falseAlarms.RED.falseAlarms", equalTo(1))
                .body("falseAlarms.ORANGE.falseAlarms", equalTo(1));
        // and the trend counts each month's own window
        int months = (int) ChronoUnit.MONTHS.between(YearMonth.of(2025, 6), YearMonth.now(ZoneOffset.UTC)) + 1;
        if (months <= 24) {
            given().auth().oauth2("k-alarms").when().get("/api/v1/model-quality/trend?months=" + months)
                    .then().statusCode(200)
                    .body("[0].asOf", equalTo("2025-06-01T00:00:00Z"))
                    .body("[0].quality.falseAlarms.RED.falseAlarms", equalTo(1))
                    .body("[0].quality.falseAlarms.RED.retained", equalTo(1))
                    .body("[1].asOf", equalTo("2025-07-01T00:00:00Z"))
                    .body("[1].quality.falseAlarms.RED.retained", equalTo(0));
        }
    }

    private static void resolved(String tenant, String taskId, String kind, Tier tier, TaskOutcome outcome,
                                 String resolvedAt) {
        String customer = "A-" + taskId;
        TaskResolved message = TaskResolved.newBuilder().setId(UUID.randomUUID().toString()).setTenant(tenant)
                .setCustomerId(customer).setTaskId(taskId).setKind(kind).setTier(tier).setOutcome(outcome)
                .setCreatedAt("2025-05-20T09:00:00Z").setResolvedAt(resolvedAt).build();
        TestTopics.send("churnsentinel.task-outcomes.v1", tenant + "/" + customer, message.toByteArray());
    }

    @Test
    void badParametersAreNamedAndATenantWithoutHistoryIsToldSo() {
        given().auth().oauth2("k-quality").when().get("/api/v1/model-quality?horizonDays=3").then().statusCode(400)
                .body("errors[0].field", equalTo("horizonDays"));
        given().auth().oauth2("k-quality").when().get("/api/v1/model-quality?asOf=June").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().auth().oauth2("k-quality").when().get("/api/v1/model-quality?asOf=2999-01-01").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().auth().oauth2("k-quality").when().get("/api/v1/model-quality?modelVersion=99").then().statusCode(404);
        given().auth().oauth2("k-tiers").when().get("/api/v1/model-quality").then().statusCode(422)
                .body("detail", containsString("no history has been recorded"));
    }

    @Test
    void anAdminGetsAFittedModelBesideTheCurrentOneAndPutsIt() throws Exception {
        // drifters only spend less: the defaults weigh spending at 30 %, so a fit has something to find
        List<Population.Customer> customers = new Population(12, START, END,
                new Population.Drift(false, false, false, true)).customers(1500, 0.2, 0.2, 0.05);
        store("fit", customers);
        String request = "{\"asOf\":\"2025-06-01\",\"horizonDays\":90,\"from\":\"2024-07-01\"}";
        var answer = given().auth().oauth2("k-fit").contentType("application/json").body(request)
                .when().post("/api/v1/scoring-model/fit").then().statusCode(200)
                .body("asOf", equalTo("2025-06-01T00:00:00Z")).body("from", equalTo("2024-07-01T00:00:00Z"))
                .body("trainingDates.size()", equalTo(9)).body("trainingDates[8]", equalTo("2025-02-26T00:00:00Z"))
                .body("training.churned", greaterThan(20)).body("current.version", equalTo(1))
                .body("proposed.version", equalTo(1)).body("changes.field", org.hamcrest.Matchers.hasItem("pointsPerPercentSpendDrop"))
                .body("currentBacktest.asOf", equalTo("2025-06-01T00:00:00Z"))
                .body("proposedBacktest.customers", greaterThan(1000))
                .extract().jsonPath();
        System.out.printf("fit through the API: AUC %s -> %s, log loss %s -> %s%n", answer.getFloat("currentBacktest.auc.value"),
                answer.getFloat("proposedBacktest.auc.value"), answer.getFloat("training.logLossCurrent"),
                answer.getFloat("training.logLossProposed"));
        assertTrue(answer.getFloat("proposedBacktest.auc.value") > answer.getFloat("currentBacktest.auc.value"),
                "the proposal warns better after asOf");
        assertTrue(answer.getFloat("training.logLossProposed") < answer.getFloat("training.logLossCurrent"));
        String proposed = json.writeValueAsString(answer.getMap("proposed"));
        given().auth().oauth2("k-fit").when().get("/api/v1/scoring-model").then().statusCode(200).body("version", equalTo(1));
        given().auth().oauth2("k-fit").contentType("application/json").body(proposed).when().put("/api/v1/scoring-model")
                .then().statusCode(200).body("version", equalTo(2))
                .body("pointsPerPercentSpendDrop", equalTo(answer.getFloat("proposed.pointsPerPercentSpendDrop")));
    }

    @Test
    void aFitIsRefusedWithTheReason() {
        given().auth().oauth2("k-quality").contentType("application/json").body("{}")
                .when().post("/api/v1/scoring-model/fit").then().statusCode(403);
        given().auth().oauth2("k-fit").contentType("application/json")
                .body("{\"asOf\":\"2025-06-01\",\"horizonDays\":90,\"from\":\"2025-05-01\"}")
                .when().post("/api/v1/scoring-model/fit").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2("k-fit").contentType("application/json").body("{\"horizonDays\":2}")
                .when().post("/api/v1/scoring-model/fit").then().statusCode(400)
                .body("errors[0].field", equalTo("horizonDays"));
        given().auth().oauth2("k-fit-empty").contentType("application/json").body("{}")
                .when().post("/api/v1/scoring-model/fit").then().statusCode(422)
                .body("detail", containsString("no history has been recorded"));
        Object vocHealth = given().auth().oauth2("k-fit-voc").when().get("/api/v1/scoring-model/presets").then()
                .statusCode(200).body("[1].name", equalTo("voc-health")).extract().jsonPath().getMap("[1]");
        given().auth().oauth2("k-fit-voc").contentType("application/json").body(vocHealth)
                .when().put("/api/v1/scoring-model").then().statusCode(200).body("name", equalTo("voc-health"));
        given().auth().oauth2("k-fit-voc").contentType("application/json").body("{}")
                .when().post("/api/v1/scoring-model/fit").then().statusCode(409)
                .body("detail", containsString("voc-health"));
    }

    private void store(String tenant, List<Population.Customer> customers) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("delete from signal_log where tenant = '" + tenant + "'");
            try (PreparedStatement insert = c.prepareStatement("insert into signal_log "
                    + "(tenant, customer_id, occurred_at, record_id, input) values (?, ?, ?, ?, ?)")) {
                int id = 0;
                for (Population.Customer customer : customers) {
                    for (History.Entry entry : customer.history().entries()) {
                        insert.setString(1, tenant);
                        insert.setString(2, customer.history().customerId());
                        insert.setObject(3, entry.at().atOffset(java.time.ZoneOffset.UTC));
                        insert.setString(4, "R" + id++);
                        insert.setString(5, json.writeValueAsString(new SignalLog.Stored(entry.feedback(), entry.event())));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }
}
