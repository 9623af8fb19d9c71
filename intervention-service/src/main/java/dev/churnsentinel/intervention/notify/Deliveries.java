package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.InterventionConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * What follows a delivery attempt ({@link DeliveryPolicy}), counted as
 * {@code sentinel_notifications_total{channel, status}} (SENT, RETRYING, FAILED, and HELD for a digest).
 */
@ApplicationScoped
public class Deliveries {
    private final DeliveryPolicy policy;
    private final MeterRegistry meters;

    public Deliveries(InterventionConfig config, MeterRegistry meters) {
        this.policy = new DeliveryPolicy(config.maxAttempts(), config.retryBackoff());
        this.meters = meters;
    }

    public DeliveryPolicy.Outcome after(String channel, int attempt, String error, Instant now) {
        DeliveryPolicy.Outcome outcome = policy.after(attempt, error, now);
        count(channel, outcome.status());
        return outcome;
    }

    /** A notification that failed without an attempt (nobody to send it to). */
    public void failedUnsent(String channel) {
        count(channel, "FAILED");
    }

    /** A task e-mail that waits for its person's digest (an alert storm). */
    public void held(String channel) {
        count(channel, "HELD");
    }

    private void count(String channel, String status) {
        meters.counter("sentinel.notifications", "channel", channel, "status", status).increment();
    }
}
