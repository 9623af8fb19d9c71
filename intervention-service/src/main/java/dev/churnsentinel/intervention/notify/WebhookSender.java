package dev.churnsentinel.intervention.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Posts one message to one of a tenant's webhooks ({@link TenantWebhooks}: the API's, then configuration's), bounded
 * in time; answers why it failed, or null. Blocking: never on an event loop.
 */
@ApplicationScoped
public class WebhookSender {
    private final HttpClient http;
    private final Webhooks webhooks;
    private final TenantWebhooks tenantWebhooks;
    private final InterventionConfig config;

    /**
     * What a receiver answered: its HTTP status (0 when it could not be reached) and body, and why the message was
     * not taken (null when it was): a status other than 2xx, a robot's error code, or the connection's failure.
     */
    public record Answer(int status, String body, String failure) {
    }

    public WebhookSender(ObjectMapper json, InterventionConfig config, TenantWebhooks tenantWebhooks) {
        this.config = config;
        this.tenantWebhooks = tenantWebhooks;
        this.webhooks = new Webhooks(json);
        this.http = HttpClient.newBuilder().connectTimeout(config.sendTimeout()).build();
    }

    public String send(String tenant, String name, Webhooks.Message message) {
        TenantSettings.Sourced<InterventionConfig.Webhook> webhook = tenantWebhooks.of(tenant).await()
                .atMost(config.sendTimeout()).get(name);
        if (webhook == null) {
            return "webhook " + name + " is no longer configured for tenant " + tenant;
        }
        Answer answer = post(webhook.value(), message);
        if (answer.failure() != null) {
            Log.warnf("webhook %s of tenant %s: %s", name, tenant, answer.failure());
        }
        return answer.failure();
    }

    /** Renders, signs and posts the message to the webhook now, and reads its answer. */
    public Answer post(InterventionConfig.Webhook webhook, Webhooks.Message message) {
        Webhooks.Request request = webhooks.render(webhook.format(), webhook.url(), webhook.secret().orElse(null),
                message, Instant.now());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(config.sendTimeout())
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<String> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(answer.statusCode(), answer.body(),
                    webhooks.failure(webhook.format(), answer.statusCode(), answer.body()));
        } catch (IOException e) {
            return new Answer(0, null,
                    "unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, "interrupted");
        }
    }
}
