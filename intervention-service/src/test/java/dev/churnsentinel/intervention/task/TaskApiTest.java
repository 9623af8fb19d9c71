package dev.churnsentinel.intervention.task;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.proto.events.v1.TaskOutcome;
import dev.churnsentinel.proto.events.v1.TaskResolved;
import dev.churnsentinel.proto.events.v1.Tier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task lifecycle as a manager drives it through the API, with its audit trail. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class TaskApiTest {
    static RequestSpecification manager() {
        return given().auth().oauth2("k-manage").contentType("application/json");
    }

    static JsonPath redTaskWithProfile(String customer) {
        profile(customer, "zhou-" + customer + "@example.com");
        awaitProfile();
        return openTask("k-read", "demo", customer, Tier.RED);
    }

    @Test
    void aManagerAcknowledgesStartsCommentsReassignsAndResolvesAndEveryStepIsKept() {
        String customer = "C-" + UUID.randomUUID();
        String id = redTaskWithProfile(customer).getString("items[0].id");

        given().auth().oauth2("k-manage").when().post("/api/v1/tasks/" + id + "/acknowledge")
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedAt", notNullValue());
        manager().body("{}").when().post("/api/v1/tasks/" + id + "/acknowledge")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", startsWith("a task that is ACKNOWLEDGED cannot be acknowledged"));
        manager().body("{\"by\": \"周总\"}").when().post("/api/v1/tasks/" + id + "/start")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        manager().body("{\"text\": \"已致电，客户同意周五面谈\", \"by\": \"周总\"}").when().post("/api/v1/tasks/" + id + "/comments")
                .then().statusCode(201);
        manager().body("{\"assigneeId\": \"rd-01\"}").when().post("/api/v1/tasks/" + id + "/reassign")
                .then().statusCode(200).body("assignee.id", equalTo("rd-01")).body("assignee.role", equalTo("REGIONAL_DIRECTOR"))
                .body("status", equalTo("IN_PROGRESS"));
        manager().body("{\"assigneeId\": \"stranger\"}").when().post("/api/v1/tasks/" + id + "/reassign")
                .then().statusCode(400).body("errors[0].field", equalTo("assigneeId"));
        manager().body("{\"outcome\": \"RETAINED\", \"rootCause\": \"空调异味反复维修未解决\", "
                        + "\"actions\": \"免费更换蒸发箱，上门取送车\", \"cost\": 500}")
                .when().post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("outcome", equalTo("RETAINED"))
                .body("cost", equalTo(500));
        manager().body("{\"outcome\": \"RETAINED\"}").when().post("/api/v1/tasks/" + id + "/resolve").then().statusCode(409);

        JsonPath history = history("k-read", id);
        assertEquals(List.of("CREATED", "ACKNOWLEDGED", "STARTED", "COMMENTED", "REASSIGNED", "RESOLVED"),
                history.getList("items.type"));
        assertEquals("api-key:demo on behalf of 周总", history.getString("items[2].actor"));
        assertEquals("已致电，客户同意周五面谈", history.getString("items[3].detail.text"));
        assertEquals("api-key:demo", history.getString("items[1].actor"));
        JsonPath sent = await(() -> notifications(id), n -> n.getList("items").size() == 2
                && "SENT".equals(n.getString("items[1].status")), "the reassignment e-mail");
        assertEquals("TASK_REASSIGNED", sent.getString("items[1].event"));
        assertEquals("rd-" + customer + "@example.com", sent.getString("items[1].recipient"));
    }

    @Test
    void resolvingATaskAnnouncesItsOutcomeOnceOnTheTaskOutcomeTopic() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        JsonPath opened = openTask("k-read", "demo", customer, Tier.ORANGE);
        String id = opened.getString("items[0].id");
        // a refused resolution is rolled back with its announcement
        manager().body("{\"outcome\": \"FALSE_ALARM\", \"cost\": -1}").when().post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(400);
        String resolvedAt = manager().body("{\"outcome\": \"FALSE_ALARM\", \"rootCause\": \"客户只是抱怨天气\"}")
                .when().post("/api/v1/tasks/" + id + "/resolve").then().statusCode(200).extract().path("resolvedAt");
        manager().body("{\"outcome\": \"RETAINED\"}").when().post("/api/v1/tasks/" + id + "/resolve").then().statusCode(409);

        List<byte[]> announced = TestTopics.read("churnsentinel.task-outcomes.v1", "demo/" + customer, 2, Duration.ofSeconds(10));
        assertEquals(1, announced.size(), "one announcement for the one resolution");
        TaskResolved outcome = TaskResolved.parseFrom(announced.get(0));
        assertEquals("demo", outcome.getTenant());
        assertEquals(customer, outcome.getCustomerId());
        assertEquals(id, outcome.getTaskId());
        assertEquals("INTERVENE", outcome.getKind());
        assertEquals(Tier.ORANGE, outcome.getTier());
        assertEquals(TaskOutcome.FALSE_ALARM, outcome.getOutcome());
        assertEquals(Instant.parse(opened.getString("items[0].createdAt")), Instant.parse(outcome.getCreatedAt()));
        assertEquals(Instant.parse(resolvedAt), Instant.parse(outcome.getResolvedAt()));
        assertTrue(!outcome.getId().isEmpty(), "an id to act on once");
    }

    @Test
    void aChurnedCustomerGetsAnExitSurveyThatRecordsWhyTheyLeft() {
        String customer = "C-" + UUID.randomUUID();
        String id = redTaskWithProfile(customer).getString("items[0].id");
        manager().body("{\"outcome\": \"CHURNED\", \"rootCause\": \"竞品报价低30%\"}").when().post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(200);
        JsonPath survey = awaitTasks(customer, list -> list.getList("items").size() == 2);
        String surveyId = survey.getList("items.kind").indexOf("EXIT_SURVEY") == 0 ? survey.getString("items[0].id")
                : survey.getString("items[1].id");
        JsonPath open = given().auth().oauth2("k-read").when().get("/api/v1/tasks/" + surveyId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("EXIT_SURVEY", open.getString("kind"));
        assertEquals("OPEN", open.getString("status"));
        assertEquals("am-01", open.getString("assignee.id"));
        manager().body("{\"outcome\": \"CHURNED\"}").when().post("/api/v1/tasks/" + surveyId + "/resolve")
                .then().statusCode(400).body("errors[0].field", equalTo("exitReason"));
        manager().body("{\"outcome\": \"CHURNED\", \"exitReason\": \"COMPETITOR\"}").when().post("/api/v1/tasks/" + surveyId + "/resolve")
                .then().statusCode(200).body("exitReason", equalTo("COMPETITOR"));
    }

    @Test
    void aRecoveryIsNotedOnTheOpenTaskButDoesNotCloseIt() {
        String customer = "C-" + UUID.randomUUID();
        String id = openTask("k-read", "demo", customer, Tier.ORANGE).getString("items[0].id");
        send(TIER_CHANGES, customer, change(customer, Tier.YELLOW, false, false).toByteArray());
        JsonPath history = await(() -> history("k-read", id), h -> h.getList("items.type").contains("TIER_IMPROVED"),
                "the recovery on the task");
        assertEquals("YELLOW", history.getString("items[1].detail.to"));
        given().auth().oauth2("k-read").when().get("/api/v1/tasks/" + id).then().statusCode(200).body("status", equalTo("OPEN"));
        manager().body("{\"reason\": \"客户已恢复，误报\"}").when().post("/api/v1/tasks/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void badCommandsAreRefusedClearlyAndOtherTenantsCannotTouchTheTask() {
        String customer = "C-" + UUID.randomUUID();
        String id = openTask("k-read", "demo", customer, Tier.YELLOW).getString("items[0].id");
        manager().body("{\"outcome\": \"MAYBE\"}").when().post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("outcome"));
        manager().body("{\"outcome\": \"RETAINED\", \"cost\": -1}").when().post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(400).body("errors[0].field", equalTo("cost"));
        manager().body("{\"outcome\": \"RETAINED\", \"costs\": 1}").when().post("/api/v1/tasks/" + id + "/resolve")
                .then().statusCode(400).body("errors[0].field", equalTo("costs"));
        manager().body("{}").when().post("/api/v1/tasks/" + id + "/comments")
                .then().statusCode(400).body("errors[0].field", equalTo("text"));
        given().auth().oauth2("k-read").when().post("/api/v1/tasks/" + id + "/acknowledge").then().statusCode(403);
        given().auth().oauth2("k-acme").when().post("/api/v1/tasks/" + id + "/acknowledge").then().statusCode(404);
        given().auth().oauth2("k-acme").when().get("/api/v1/tasks/" + id + "/history").then().statusCode(404);
        given().auth().oauth2("k-read").when().get("/api/v1/tasks/" + id).then().statusCode(200).body("status", equalTo("OPEN"));
        assertTrue(history("k-read", id).getList("items.type").equals(List.of("CREATED")), "refused commands leave no trace");
    }
}
