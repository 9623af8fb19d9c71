package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.Fixtures;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.proto.events.v1.Tier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SLA clock with windows shrunk to seconds through the playbook API (tenant {@code sla}): RED must be
 * acknowledged in 2 s and resolved in 5 s, escalating to the regional director and then the general manager;
 * ORANGE reassigns to the senior manager when nobody acknowledges it in 1 s.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class EscalationTest {
    static final String KEY = "k-sla";

    @BeforeEach
    void shrinkTheWindows() {
        String playbooks = given().auth().oauth2(KEY).when().get("/api/v1/playbooks").then().statusCode(200).extract().asString()
                .replace("\"due\":\"PT24H\",\"acknowledgeWithin\":\"PT2H\"", "\"due\":\"PT5S\",\"acknowledgeWithin\":\"PT2S\"")
                .replace("\"due\":\"PT72H\",\"acknowledgeWithin\":\"PT8H\"", "\"due\":\"PT30S\",\"acknowledgeWithin\":\"PT1S\"")
                .replace("\"escalationChain\":[\"REGIONAL_DIRECTOR\"],\"onEscalation\":\"SHARE\"",
                        "\"escalationChain\":[\"REGIONAL_DIRECTOR\"],\"onEscalation\":\"REASSIGN\"")
                .replace("\"dueOnWorkingDay\":true", "\"dueOnWorkingDay\":false") // seconds-long windows on any day of the week
                .replaceAll("\"version\":\\d+,", "");
        given().auth().oauth2(KEY).contentType("application/json").body(playbooks).when().put("/api/v1/playbooks")
                .then().statusCode(200).body("tiers.RED.due", equalTo("PT5S")).body("tiers.ORANGE.onEscalation", equalTo("REASSIGN"));
    }

    @Test
    void anIgnoredRedTaskGoesUpTheChainOnceAtEachWindow() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        profile("sla", customer, "zhou-" + customer + "@example.com");
        awaitProfile();
        JsonPath task = openTask(KEY, "sla", customer, Tier.RED);
        String id = task.getString("items[0].id");
        OffsetDateTime created = OffsetDateTime.parse(task.getString("items[0].createdAt"));

        JsonPath first = await(() -> history(KEY, id), h -> h.getList("items.type").contains("ESCALATED"), "level 1");
        JsonPath second = await(() -> history(KEY, id),
                h -> h.getList("items.type").stream().filter("ESCALATED"::equals).count() == 2, "level 2");
        Thread.sleep(1500); // the windows have fired: nothing more may come
        JsonPath all = history(KEY, id);
        List<Object> escalations = all.getList("items.findAll { it.type == 'ESCALATED' }");
        assertEquals(2, escalations.size(), all.prettify());
        JsonPath level1 = new JsonPath(all.prettify()).setRootPath("items.find { it.type == 'ESCALATED' && it.detail.level == 1 }");
        assertEquals("REGIONAL_DIRECTOR", level1.getString("detail.role"));
        assertEquals(List.of("acknowledged"), level1.getList("detail.missed"));
        JsonPath level2 = new JsonPath(all.prettify()).setRootPath("items.find { it.type == 'ESCALATED' && it.detail.level == 2 }");
        assertEquals("GENERAL_MANAGER", level2.getString("detail.role"));
        assertEquals(List.of("resolved"), level2.getList("detail.missed"));

        Duration toLevel1 = Duration.between(created, OffsetDateTime.parse(level1.getString("at")));
        Duration toLevel2 = Duration.between(created, OffsetDateTime.parse(level2.getString("at")));
        System.out.printf("escalation timeline: created %s, level 1 (regional director) +%d ms, level 2 (general manager) +%d ms%n",
                created, toLevel1.toMillis(), toLevel2.toMillis());
        // never before the window closes (how soon after is the clock's interval: printed, not asserted)
        assertTrue(toLevel1.compareTo(Duration.ofSeconds(2)) >= 0, "escalated before the acknowledge window closed: " + toLevel1);
        assertTrue(toLevel2.compareTo(Duration.ofSeconds(5)) >= 0, "escalated before the due date: " + toLevel2);

        JsonPath shared = given().auth().oauth2(KEY).when().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(2, shared.getInt("escalationLevel"));
        assertEquals("sm-01", shared.getString("assignee.id"), "shared, not reassigned: the senior manager keeps it");
        assertEquals("gm-01", shared.getString("escalatedTo.id"));
        assertTrue(shared.getBoolean("overdue"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("sentinel_tasks_escalated_total{level=\"2\",tier=\"RED\"}"));

        JsonPath sent = await(() -> notifications(KEY, id), n -> n.getList("items.findAll { it.channel == 'EMAIL' && it.status == 'SENT' }").size() == 3,
                "three e-mails");
        assertEquals(List.of("TASK_CREATED", "TASK_ESCALATED", "TASK_ESCALATED"), sent.getList("items.findAll { it.channel == 'EMAIL' }.event"));
        List<MimeMessage> toDirector = InfrastructureTestResource.shared().mail().received().stream()
                .filter(m -> recipient(m).equals("rd-" + customer + "@example.com")).toList();
        assertEquals(1, toDirector.size());
        assertTrue(toDirector.get(0).getSubject().contains("已上报 L1 / escalated L1"), toDirector.get(0).getSubject());
        String body = Fixtures.part(toDirector.get(0), "text/plain");
        assertTrue(body.contains("This task was not acknowledged in time and is escalated to you (level 1). Assignee: 周总 (SENIOR_MANAGER)"), body);
        System.out.println("escalation e-mail to the regional director:\n" + toDirector.get(0).getSubject() + "\n" + body);
    }

    @Test
    void anAcknowledgedTaskOnlyEscalatesWhenItIsOverdue() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        String id = openTask(KEY, "sla", customer, Tier.RED).getString("items[0].id");
        given().auth().oauth2(KEY).when().post("/api/v1/tasks/" + id + "/acknowledge").then().statusCode(200);
        JsonPath escalated = await(() -> history(KEY, id), h -> h.getList("items.type").contains("ESCALATED"), "overdue");
        assertEquals(List.of("CREATED", "ACKNOWLEDGED", "ESCALATED"), escalated.getList("items.type"));
        assertEquals(List.of("resolved"), escalated.getList("items[2].detail.missed"));
        assertEquals(1, escalated.getInt("items[2].detail.level"));
    }

    @Test
    void anUnacknowledgedOrangeTaskIsReassignedUpwardsWhenThePlaybookSaysSo() {
        String customer = "C-" + UUID.randomUUID();
        profile("sla", customer, "zhou-" + customer + "@example.com");
        awaitProfile();
        String id = openTask(KEY, "sla", customer, Tier.ORANGE).getString("items[0].id");
        JsonPath reassigned = await(() -> given().auth().oauth2(KEY).when().get("/api/v1/tasks/" + id).then().extract().jsonPath(),
                t -> t.getInt("escalationLevel") == 1, "the reassignment");
        assertEquals("sm-01", reassigned.getString("assignee.id"));
        assertEquals("SENIOR_MANAGER", reassigned.getString("assignee.role"));
    }
}
