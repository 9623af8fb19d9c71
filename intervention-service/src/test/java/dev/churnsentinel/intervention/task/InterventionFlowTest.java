package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.Fixtures;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier changes in, tasks for named people and real e-mails out. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class InterventionFlowTest {
    @Test
    void redKeywordCreatesRescueTaskDueIn24HoursAndEmailsTheSeniorManager() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        String email = "zhou-" + customer + "@example.com";
        profile(customer, email);
        awaitProfile();
        // the feedback behind it was accepted 3 s ago
        TierChanged red = change(customer, Tier.RED, false, false).toBuilder()
                .setTriggerAcceptedAt(Instant.now().minusSeconds(3).toString()).build();
        send("churnsentinel.tier-changes.v1", customer, red.toByteArray());
        send("churnsentinel.tier-changes.v1", customer, red.toByteArray()); // redelivered: acted on once

        JsonPath task = awaitTasks(customer, list -> list.getList("items").size() == 1 && "SENT".equals(
                notifications(list.getString("items[0].id")).getString("items[0].status")));
        assertEquals("RESCUE", task.getString("items[0].kind"));
        assertEquals("OPEN", task.getString("items[0].status"));
        assertEquals("sm-01", task.getString("items[0].assignee.id"));
        assertEquals("SENIOR_MANAGER", task.getString("items[0].assignee.role"));
        Duration window = Duration.between(OffsetDateTime.parse(task.getString("items[0].createdAt")),
                OffsetDateTime.parse(task.getString("items[0].dueAt")));
        assertEquals(Duration.ofHours(24), window);
        assertEquals("…到期我们就解约，不想再续…", task.getString("items[0].reason.evidence[0]"));

        List<MimeMessage> mails = InfrastructureTestResource.shared().mail().received().stream()
                .filter(m -> recipient(m).equals(email)).toList();
        assertEquals(1, mails.size(), "one e-mail, even though the tier change came twice");
        assertTrue(mails.get(0).getSubject().startsWith("[RED · RESCUE] 王女士 (" + customer + ")"), mails.get(0).getSubject());
        String body = Fixtures.part(mails.get(0), "text/plain");
        assertTrue(body.contains("不谈续费，只谈解决问题"), body);
        assertTrue(body.contains("解约"), body);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("sentinel_tasks_opened_total{kind=\"RESCUE\",tier=\"RED\"}"))
                .body(org.hamcrest.Matchers.containsString("sentinel_notifications_total{channel=\"EMAIL\",status=\"SENT\"}"))
                .body(org.hamcrest.Matchers.containsString("sentinel_feedback_to_task_seconds_bucket{tier=\"RED\",le=\"5.0\"}"));
        // the open tasks are counted every 15 s
        Instant deadline = Instant.now().plusSeconds(30);
        String metrics;
        do {
            Thread.sleep(200);
            metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        } while (!metrics.contains("sentinel_tasks_overdue{tenant=\"demo\",tier=\"RED\"}") && Instant.now().isBefore(deadline));
        assertTrue(metrics.contains("sentinel_tasks_open{tenant=\"demo\",tier=\"RED\"}"), metrics);
        assertTrue(metrics.contains("sentinel_tasks_overdue{tenant=\"demo\",tier=\"RED\"} 0"), metrics);
    }

    @Test
    void aWorseTierUpgradesTheOpenTaskAndABetterOneLeavesIt() {
        String customer = "C-" + UUID.randomUUID();
        profile(customer, "zhou-" + customer + "@example.com");
        awaitProfile();
        send("churnsentinel.tier-changes.v1", customer, change(customer, Tier.YELLOW, false, false).toByteArray());
        awaitTasks(customer, list -> "CARE".equals(list.getString("items[0].kind")));
        send("churnsentinel.tier-changes.v1", customer, change(customer, Tier.RED, false, false).toByteArray());
        JsonPath upgraded = awaitTasks(customer, list -> "RESCUE".equals(list.getString("items[0].kind")));
        assertEquals(1, upgraded.getList("items").size());
        assertEquals("sm-01", upgraded.getString("items[0].assignee.id"));
        send("churnsentinel.tier-changes.v1", customer, change(customer, Tier.ORANGE, false, false).toByteArray());
        send("churnsentinel.tier-changes.v1", customer, change(customer, Tier.RED, false, false).toByteArray());
        JsonPath after = awaitTasks(customer, list -> notifications(list.getString("items[0].id")).getList("items").size() == 2);
        assertEquals("RESCUE", after.getString("items[0].kind"));
        assertEquals(1, after.getList("items").size());
    }

    @Test
    void passiveChurnCreatesNoTask() throws InterruptedException {
        String customer = "C-" + UUID.randomUUID();
        send("churnsentinel.tier-changes.v1", customer, change(customer, Tier.RED, true, false).toByteArray());
        String marker = "C-" + UUID.randomUUID();
        send("churnsentinel.tier-changes.v1", marker, change(marker, Tier.YELLOW, false, false).toByteArray());
        awaitTasks(marker, list -> list.getList("items").size() == 1);
        given().auth().oauth2("k-read").when().get("/api/v1/tasks?customerId=" + customer)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void withNobodyToTellTheNotificationIsFailedVisibly() {
        String customer = "C-" + UUID.randomUUID();
        send("churnsentinel.tier-changes.v1", customer, change(customer, Tier.ORANGE, false, true).toByteArray());
        JsonPath task = awaitTasks(customer, list -> list.getList("items").size() == 1);
        assertTrue(task.getList("items[0].guidance", String.class).stream().anyMatch(g -> g.startsWith("价格敏感")));
        JsonPath sent = notifications(task.getString("items[0].id"));
        assertEquals("FAILED", sent.getString("items[0].status"));
        assertTrue(sent.getString("items[0].error").startsWith("no e-mail address for ACCOUNT_MANAGER"));
    }

    @Test
    void aProfileArrivingAfterTheTierChangeAssignsTheTaskAndTellsThePerson() {
        String customer = "C-" + UUID.randomUUID();
        send("churnsentinel.tier-changes.v1", customer, change(customer, Tier.RED, false, false).toByteArray());
        JsonPath unassigned = awaitTasks(customer, list -> list.getList("items").size() == 1);
        assertEquals(null, unassigned.getString("items[0].assignee.id"));
        String email = "late-" + customer + "@example.com";
        profile(customer, email);
        JsonPath assigned = awaitTasks(customer, list -> "sm-01".equals(list.getString("items[0].assignee.id")));
        JsonPath sent = notifications(assigned.getString("items[0].id"));
        assertEquals(List.of("FAILED", "SENT"), sent.getList("items.status"));
        assertEquals(email, sent.getString("items[1].recipient"));
    }

    @Test
    void anUnreadableRecordGoesAsideAndTheProfileBehindItStillArrives() {
        String customer = "C-" + UUID.randomUUID();
        send(INGEST, customer, new byte[] {(byte) 0xff, 0x01, 0x02});
        String email = "behind-" + customer + "@example.com";
        profile(customer, email);
        assertEquals(1, dev.churnsentinel.infra.TestTopics.read(INGEST + ".intervention-dlq", "demo/" + customer, 1,
                Duration.ofSeconds(10)).size());
        awaitProfile();
        send(TIER_CHANGES, customer, change(customer, Tier.RED, false, false).toByteArray());
        JsonPath task = awaitTasks(customer, list -> list.getList("items").size() == 1);
        assertEquals("sm-01", task.getString("items[0].assignee.id"));
    }

    @Test
    void aTierChangeWaitsForAProfileScoringHasSeenSoThePersonIsToldAtOnce() throws InterruptedException {
        String customer = "C-" + UUID.randomUUID();
        String email = "waited-" + customer + "@example.com";
        send("churnsentinel.tier-changes.v1", customer,
                change(customer, Tier.RED, false, false).toBuilder().setProfileKnown(true).build().toByteArray());
        Thread.sleep(1000);
        profile(customer, email);
        JsonPath task = awaitTasks(customer, list -> list.getList("items").size() == 1);
        assertEquals("sm-01", task.getString("items[0].assignee.id"));
        JsonPath sent = notifications(task.getString("items[0].id"));
        assertEquals(List.of("SENT"), sent.getList("items.status"), "told at once, no FAILED attempt first");
        assertEquals(email, sent.getString("items[0].recipient"));
    }

    @Test
    void anotherTenantSeesNothing() {
        String customer = "C-" + UUID.randomUUID();
        send("churnsentinel.tier-changes.v1", customer, change(customer, Tier.YELLOW, false, false).toByteArray());
        String id = awaitTasks(customer, list -> list.getList("items").size() == 1).getString("items[0].id");
        given().auth().oauth2("k-acme").when().get("/api/v1/tasks?customerId=" + customer)
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2("k-acme").when().get("/api/v1/tasks/" + id).then().statusCode(404);
        given().auth().oauth2("k-acme").when().get("/api/v1/notifications?taskId=" + id)
                .then().statusCode(200).body("total", equalTo(0));
        given().when().get("/api/v1/tasks").then().statusCode(401);
        given().auth().oauth2("k-read").when().get("/api/v1/tasks?status=DONE")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }
}
