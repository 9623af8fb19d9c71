package dev.churnsentinel.intervention.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.notify.DeliveryPolicy;
import dev.churnsentinel.intervention.notify.Webhooks;
import dev.churnsentinel.platform.jobs.Repeater;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts due deliveries to their subscriptions' endpoints, a batch at a time, several at once: each a JSON envelope
 * ({@code deliveryId}, {@code event}, {@code tenant}, {@code occurredAt}, {@code data}) signed like the GENERIC webhook
 * ({@code X-Sentinel-Signature: sha256=HMAC(secret, timestamp + "." + body)}), retried with a doubling back-off and
 * FAILED after the last attempt. A receiver answering 2xx has it.
 */
@ApplicationScoped
public class DeliveryDispatcher {
    private static final int BATCH = 100;

    private final AgroalDataSource dataSource;
    private final InterventionConfig config;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final DeliveryPolicy policy;
    private final HttpClient http;
    private ExecutorService senders;
    private Repeater repeater;

    public DeliveryDispatcher(AgroalDataSource dataSource, InterventionConfig config, ObjectMapper json, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        this.json = json;
        this.meters = meters;
        this.policy = new DeliveryPolicy(config.maxAttempts(), config.retryBackoff());
        this.http = HttpClient.newBuilder().connectTimeout(config.sendTimeout()).build();
    }

    void start(@Observes StartupEvent startup) {
        AtomicInteger number = new AtomicInteger();
        senders = Executors.newFixedThreadPool(config.sendConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "subscription-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        repeater = Repeater.start("subscription-deliveries", config.dispatchInterval(), this::dispatchDue);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (repeater != null) {
            repeater.close();
        }
        if (senders != null) {
            senders.shutdown();
        }
    }

    void dispatchDue() {
        try {
            while (dispatchBatch() == BATCH) {
                // a full batch: more may be due
            }
        } catch (SQLException e) {
            Log.warnf("subscription deliveries paused: %s", e.getMessage());
        }
    }

    int dispatchBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<DeliveryStore.Due> due = DeliveryStore.claimDue(connection, BATCH);
                Map<Long, Future<String>> sending = new LinkedHashMap<>();
                due.forEach(d -> sending.put(d.id(), senders.submit(() -> send(d))));
                Map<Long, DeliveryPolicy.Outcome> outcomes = new LinkedHashMap<>();
                for (DeliveryStore.Due d : due) {
                    DeliveryPolicy.Outcome outcome = policy.after(d.attempt() + 1, DeliveryPolicy.errorOf(sending.get(d.id())), Instant.now());
                    outcomes.put(d.id(), outcome);
                    meters.counter("sentinel.subscription.deliveries", "event", d.event(), "status", outcome.status()).increment();
                }
                DeliveryStore.record(connection, outcomes);
                connection.commit();
                return due.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The request body: the envelope around the event's data. */
    String body(DeliveryStore.Due d) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("deliveryId", d.id());
        envelope.put("event", d.event());
        envelope.put("tenant", d.tenant());
        envelope.put("occurredAt", d.occurredAt().toInstant().toString());
        envelope.putRawValue("data", new RawValue(d.data()));
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when the receiver took it, else why not. */
    private String send(DeliveryStore.Due d) {
        String body = body(d);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.url())).timeout(config.sendTimeout())
                .header("Content-Type", "application/json")
                .header("X-Sentinel-Delivery", Long.toString(d.id()))
                .header("X-Sentinel-Event", d.event())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        Webhooks.signature(d.secret(), Instant.now(), body).forEach(request::header);
        try {
            HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2 ? null : "HTTP " + answer.statusCode();
        } catch (IOException e) {
            return "unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

}
