package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.WebhookFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhooksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Webhooks WEBHOOKS = new Webhooks(JSON);
    static final Webhooks.Message MESSAGE = new Webhooks.Message("TASK_CREATED", "demo", "t-1", "C001", "RED", "RESCUE",
            "2026-03-02T02:00:00Z", 0, "[RED · RESCUE] 王女士 (C001)", "**风险 / Risk:** 93.0\n> 「…解约…」",
            "https://console.example.com/console/tasks/t-1?t=TOKEN");

    @Test
    void dingTalkGetsAnActionCardWithAButtonIntoTheConsoleAndItsSignatureInTheUrl() throws Exception {
        // the signature as DingTalk documents it, computed apart: base64(HmacSHA256(secret, timestamp + "\n" + secret))
        Webhooks.Request request = WEBHOOKS.render(WebhookFormat.DINGTALK,
                "https://oapi.dingtalk.com/robot/send?access_token=abc", "SECabc123", MESSAGE,
                Instant.ofEpochMilli(1_700_000_000_000L));
        assertEquals("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000"
                + "&sign=N5P09a4%2Bp1AMJIJWnIvQd2Yxw9%2Bfu%2FoEBnPrjCcsLXk%3D", request.uri().toString());
        JsonNode body = JSON.readTree(request.body());
        assertEquals("actionCard", body.get("msgtype").asText());
        assertEquals(MESSAGE.title(), body.at("/actionCard/title").asText());
        assertTrue(body.at("/actionCard/text").asText().contains("「…解约…」"));
        assertEquals(MESSAGE.link(), body.at("/actionCard/singleURL").asText());
    }

    @Test
    void feishuGetsACardWithItsSignatureInTheBody() throws Exception {
        Webhooks.Request request = WEBHOOKS.render(WebhookFormat.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/x",
                "feishu-secret", MESSAGE, Instant.ofEpochSecond(1_700_000_000L));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("1700000000", body.get("timestamp").asText());
        assertEquals("OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=", body.get("sign").asText());
        assertEquals("interactive", body.get("msg_type").asText());
        assertEquals("red", body.at("/card/header/template").asText());
        assertEquals(MESSAGE.text(), body.at("/card/elements/0/content").asText());
        assertEquals(MESSAGE.link(), body.at("/card/elements/1/actions/0/url").asText());
    }

    @Test
    void weComAndSlackGetTheirOwnMarkdownUnsigned() throws Exception {
        JsonNode wecom = JSON.readTree(WEBHOOKS.render(WebhookFormat.WECOM, "https://qyapi.weixin.qq.com/x?key=k", null,
                MESSAGE, Instant.now()).body());
        assertEquals("markdown", wecom.get("msgtype").asText());
        assertTrue(wecom.at("/markdown/content").asText().startsWith("**[RED · RESCUE]"));
        JsonNode slack = JSON.readTree(WEBHOOKS.render(WebhookFormat.SLACK, "https://hooks.slack.com/services/x", null,
                MESSAGE, Instant.now()).body());
        assertTrue(wecom.at("/markdown/content").asText().endsWith("(" + MESSAGE.link() + ")"), "a link into the console");
        assertEquals("*风险 / Risk:* 93.0\n> 「…解约…」", slack.at("/blocks/1/text/text").asText(), "Slack bold is *one* star");
        assertEquals(MESSAGE.link(), slack.at("/blocks/2/elements/0/url").asText(), "a button into the console");
    }

    @Test
    void weComMessagesAreCutToTheRobotsLimitWithoutBreakingACharacter() {
        String cut = Webhooks.truncate("解".repeat(2000), 4096);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 4096);
        assertTrue(cut.endsWith("解…"));
    }

    @Test
    void genericReceiversGetOurJsonSignedWithHmacOverTimestampAndBody() throws Exception {
        Webhooks.Request request = WEBHOOKS.render(WebhookFormat.GENERIC, "https://crm.example.com/hooks", "s3cret",
                MESSAGE, Instant.ofEpochSecond(1_700_000_000L));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("TASK_CREATED", body.get("event").asText());
        assertEquals("C001", body.at("/task/customerId").asText());
        assertEquals(MESSAGE.link(), body.get("url").asText());
        assertEquals("1700000000", request.headers().get("X-Sentinel-Timestamp"));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("1700000000." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals("sha256=" + expected, request.headers().get("X-Sentinel-Signature"));
    }

    @Test
    void robotsThatAnswer200WithAnErrorCodeHaveNotTakenTheMessage() {
        assertNull(WEBHOOKS.failure(WebhookFormat.DINGTALK, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        assertEquals("the robot refused the message: code 310000 sign not match",
                WEBHOOKS.failure(WebhookFormat.DINGTALK, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));
        assertNull(WEBHOOKS.failure(WebhookFormat.FEISHU, 200, "{\"code\":0,\"msg\":\"success\"}"));
        assertTrue(WEBHOOKS.failure(WebhookFormat.FEISHU, 200, "{\"code\":19021,\"msg\":\"sign match fail\"}").contains("19021"));
        assertNull(WEBHOOKS.failure(WebhookFormat.SLACK, 200, "ok"));
        assertEquals("HTTP 500: boom", WEBHOOKS.failure(WebhookFormat.GENERIC, 500, "boom"));
    }
}
