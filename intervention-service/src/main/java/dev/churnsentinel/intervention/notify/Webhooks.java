package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.WebhookFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a webhook receives, per format, and whether it took it. Chat robots get a card in their own message format
 * (DingTalk and WeCom markdown, Feishu interactive card, Slack blocks); DingTalk and Feishu robots with a signing
 * secret get their signature; GENERIC receivers get our JSON with an HMAC-SHA256 signature header.
 */
public final class Webhooks {
    private static final int WECOM_MAX_BYTES = 4096;
    /** The label of every card's button into the console. */
    private static final String OPEN = "打开任务 / Open task";

    private final ObjectMapper json;

    public Webhooks(ObjectMapper json) {
        this.json = json;
    }

    /** What the message is about. */
    /** @param link where the card's button leads: the task in the console, signed in as the card's addressee */
    public record Message(String event, String tenant, String taskId, String customerId, String tier, String kind,
                          String dueAt, int escalationLevel, String title, String text, String link) {
    }

    /** One HTTP POST, ready to send. */
    public record Request(URI uri, Map<String, String> headers, String body) {
    }

    public Request render(WebhookFormat format, String url, String secret, Message message, Instant now) {
        boolean signed = secret != null && !secret.isBlank();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        ObjectNode body = json.createObjectNode();
        String target = url;
        switch (format) {
            case DINGTALK -> {
                body.put("msgtype", "actionCard");
                body.putObject("actionCard").put("title", message.title())
                        .put("text", "### " + message.title() + "\n\n" + message.text())
                        .put("singleTitle", OPEN).put("singleURL", message.link());
                if (signed) {
                    String timestamp = Long.toString(now.toEpochMilli());
                    String sign = base64(hmac(secret, timestamp + "\n" + secret));
                    target = url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp
                            + "&sign=" + URLEncoder.encode(sign, StandardCharsets.UTF_8);
                }
            }
            case WECOM -> {
                String link = "\n[" + OPEN + "](" + message.link() + ")";
                body.put("msgtype", "markdown").putObject("markdown").put("content",
                        truncate("**" + message.title() + "**\n" + message.text(), WECOM_MAX_BYTES - utf8(link)) + link);
            }
            case FEISHU -> {
                if (signed) {
                    String timestamp = Long.toString(now.getEpochSecond());
                    body.put("timestamp", timestamp);
                    body.put("sign", base64(hmac(timestamp + "\n" + secret, "")));
                }
                body.put("msg_type", "interactive");
                ObjectNode card = body.putObject("card");
                card.putObject("config").put("wide_screen_mode", true);
                ObjectNode header = card.putObject("header");
                header.putObject("title").put("tag", "plain_text").put("content", message.title());
                header.put("template", colour(message.tier()));
                ArrayNode elements = card.putArray("elements");
                elements.addObject().put("tag", "markdown").put("content", message.text());
                ObjectNode button = elements.addObject().put("tag", "action").putArray("actions").addObject();
                button.put("tag", "button").put("type", "primary").put("url", message.link())
                        .putObject("text").put("tag", "plain_text").put("content", OPEN);
            }
            case SLACK -> {
                String text = message.text().replace("**", "*");
                body.put("text", message.title());
                ArrayNode blocks = body.putArray("blocks");
                blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text")
                        .put("text", message.title().length() > 150 ? message.title().substring(0, 149) + "…" : message.title());
                blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text);
                ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
                button.put("type", "button").put("url", message.link()).put("style", "primary")
                        .putObject("text").put("type", "plain_text").put("text", OPEN);
            }
            case GENERIC -> {
                body.put("event", message.event());
                body.put("tenant", message.tenant());
                body.putObject("task").put("id", message.taskId()).put("customerId", message.customerId())
                        .put("tier", message.tier()).put("kind", message.kind()).put("dueAt", message.dueAt())
                        .put("escalationLevel", message.escalationLevel());
                body.put("title", message.title());
                body.put("text", message.text());
                body.put("url", message.link());
                body.put("sentAt", now.toString());
                headers.put("X-Sentinel-Event", message.event());
            }
        }
        String payload = write(body);
        if (format == WebhookFormat.GENERIC && signed) {
            headers.putAll(signature(secret, now, payload));
        }
        return new Request(URI.create(target), headers, payload);
    }

    /**
     * Null when the receiver took the message, else why not. Robots answer HTTP 200 with an error code in the body
     * when they refuse (a bad signature, a keyword filter), so the body is read too.
     */
    public String failure(WebhookFormat format, int status, String responseBody) {
        if (status < 200 || status > 299) {
            return "HTTP " + status + (responseBody == null || responseBody.isBlank() ? "" : ": " + abbreviate(responseBody));
        }
        if (format == WebhookFormat.GENERIC || format == WebhookFormat.SLACK) {
            return null;
        }
        JsonNode answer;
        try {
            answer = json.readTree(responseBody == null || responseBody.isBlank() ? "{}" : responseBody);
        } catch (JsonProcessingException e) {
            return "the robot answered something that is not JSON: " + abbreviate(responseBody);
        }
        JsonNode code = format == WebhookFormat.FEISHU
                ? (answer.has("code") ? answer.get("code") : answer.get("StatusCode"))
                : answer.get("errcode");
        if (code == null || code.asInt(-1) == 0) {
            return null;
        }
        JsonNode why = format == WebhookFormat.FEISHU ? answer.get("msg") : answer.get("errmsg");
        return "the robot refused the message: code " + code.asText() + (why == null ? "" : " " + why.asText());
    }

    private static String colour(String tier) {
        return switch (tier == null ? "" : tier) {
            case "RED" -> "red";
            case "ORANGE" -> "orange";
            case "YELLOW" -> "yellow";
            default -> "blue";
        };
    }

    /**
     * The headers that sign a body for a receiver that knows {@code secret}: {@code X-Sentinel-Timestamp} (epoch
     * seconds) and {@code X-Sentinel-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
     */
    public static Map<String, String> signature(String secret, Instant now, String body) {
        String timestamp = Long.toString(now.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Sentinel-Timestamp", timestamp);
        headers.put("X-Sentinel-Signature", "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body)));
        return headers;
    }

    static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Cut to at most {@code maxBytes} of UTF-8 without splitting a character. */
    static String truncate(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes - 3) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private String write(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
