package dev.churnsentinel.intervention.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeliveryPolicyTest {
    static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    final DeliveryPolicy policy = new DeliveryPolicy(3, Duration.ofSeconds(5));

    @Test
    void aSuccessfulAttemptIsSent() {
        assertEquals("SENT", policy.after(1, null, NOW).status());
    }

    @Test
    void failedAttemptsRetryWithDoublingBackOffThenFail() {
        DeliveryPolicy.Outcome first = policy.after(1, "connection refused", NOW);
        assertEquals("RETRYING", first.status());
        assertEquals(NOW.plusSeconds(5), first.nextAttemptAt());
        assertEquals(NOW.plusSeconds(10), policy.after(2, "connection refused", NOW).nextAttemptAt());
        DeliveryPolicy.Outcome last = policy.after(3, "connection refused", NOW);
        assertEquals("FAILED", last.status());
        assertEquals("connection refused", last.error());
    }
}
