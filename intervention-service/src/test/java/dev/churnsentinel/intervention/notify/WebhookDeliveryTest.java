package dev.churnsentinel.intervention.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.proto.events.v1.Tier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.await;
import static dev.churnsentinel.intervention.Fixtures.notifications;
import static dev.churnsentinel.intervention.Fixtures.openTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenant {@code hooks} has a DingTalk, WeCom, Feishu and Slack robot, a generic receiver and one that is down. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class WebhookDeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRobotGetsItsOwnCardOnceAndTheBrokenOneEndsFailedAfterItsRetries() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        String id = openTask("k-hooks", "hooks", customer, Tier.RED).getString("items[0].id");
        JsonPath log = await(() -> notifications("k-hooks", id), n -> n.getList("items.findAll { it.channel == 'WEBHOOK' }").size() == 6
                        && n.getList("items.findAll { it.channel == 'WEBHOOK' && (it.status == 'PENDING' || it.status == 'RETRYING') }").isEmpty(),
                "every webhook delivered or given up");
        Map<String, String> status = new java.util.TreeMap<>();
        for (int i = 0; i < log.getList("items").size(); i++) {
            if (log.getString("items[" + i + "].channel").equals("WEBHOOK")) {
                status.put(log.getString("items[" + i + "].recipient"), log.getString("items[" + i + "].status")
                        + "/" + log.getInt("items[" + i + "].attempt"));
            }
        }
        assertEquals(Map.of("broken", "FAILED/3", "crm", "SENT/1", "ding", "SENT/1", "feishu", "SENT/1",
                "slack", "SENT/1", "wecom", "SENT/1"), status);

        List<WebhookReceiver.Received> mine = WebhookReceiver.received().stream().filter(r -> r.body().contains(customer)).toList();
        assertEquals(List.of("/broken", "/broken", "/broken", "/dingtalk", "/feishu", "/generic", "/slack", "/wecom"),
                mine.stream().map(WebhookReceiver.Received::path).sorted().toList(), "one delivery each, three tries for the broken one");

        WebhookReceiver.Received ding = one(mine, "/dingtalk");
        assertTrue(ding.query().matches("access_token=t-1&timestamp=\\d{13}&sign=[A-Za-z0-9%]+"), ding.query());
        JsonNode dingBody = JSON.readTree(ding.body());
        assertTrue(dingBody.at("/actionCard/title").asText().startsWith("[RED · RESCUE] " + customer), dingBody.toString());
        assertTrue(dingBody.at("/actionCard/text").asText().contains("「…到期我们就解约，不想再续…」"));
        // the task has no assignee with an address: the button opens the task, and whoever opens it signs in
        assertTrue(dingBody.at("/actionCard/singleURL").asText().endsWith("/console/tasks/" + id), dingBody.toString());

        JsonNode feishu = JSON.readTree(one(mine, "/feishu").body());
        assertTrue(feishu.hasNonNull("sign") && feishu.hasNonNull("timestamp"));
        assertEquals("red", feishu.at("/card/header/template").asText());

        WebhookReceiver.Received generic = one(mine, "/generic");
        assertTrue(generic.headers().get("X-sentinel-signature").get(0).startsWith("sha256="), generic.headers().toString());
        JsonNode event = JSON.readTree(generic.body());
        assertEquals("TASK_CREATED", event.get("event").asText());
        assertEquals(id, event.at("/task/id").asText());
        System.out.println("DingTalk card for a RED task:\n" + dingBody.toPrettyString());
    }

    @Test
    void aRobotListeningToRedOnlyIsNotToldOfAYellowTask() {
        String customer = "C-" + UUID.randomUUID();
        String id = openTask("k-hooks", "hooks", customer, Tier.YELLOW).getString("items[0].id");
        JsonPath log = await(() -> notifications("k-hooks", id),
                n -> n.getList("items.findAll { it.channel == 'WEBHOOK' && it.status == 'SENT' }").size() == 5, "five robots");
        assertTrue(!log.getList("items.recipient").contains("broken"), log.prettify());
    }

    private static WebhookReceiver.Received one(List<WebhookReceiver.Received> received, String path) {
        List<WebhookReceiver.Received> at = received.stream().filter(r -> r.path().equals(path)).toList();
        assertEquals(1, at.size(), path);
        return at.get(0);
    }
}
