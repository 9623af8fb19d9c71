package dev.churnsentinel.intervention.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.InterventionConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Posts one message to one configured webhook, bounded in time; answers why it failed, or null. Blocking. */
@ApplicationScoped
public class WebhookSender {
    private final HttpClient http;
    private final Webhooks webhooks;
    private final InterventionConfig config;

    public WebhookSender(ObjectMapper json, InterventionConfig config) {
        this.config = config;
        this.webhooks = new Webhooks(json);
        this.http = HttpClient.newBuilder().connectTimeout(config.sendTimeout()).build();
    }

    public String send(String tenant, String name, Webhooks.Message message) {
        InterventionConfig.Webhook webhook = config.webhooks().getOrDefault(tenant, java.util.Map.of()).get(name);
        if (webhook == null) {
            return "webhook " + name + " is no longer configured for tenant " + tenant;
        }
        Webhooks.Request request = webhooks.render(webhook.format(), webhook.url(), webhook.secret().orElse(null),
                message, Instant.now());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(config.sendTimeout())
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<String> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String failure = webhooks.failure(webhook.format(), answer.statusCode(), answer.body());
            if (failure != null) {
                Log.warnf("webhook %s of tenant %s: %s", name, tenant, failure);
            }
            return failure;
        } catch (IOException e) {
            Log.warnf("webhook %s of tenant %s unreachable: %s", name, tenant, e.toString());
            return "unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
