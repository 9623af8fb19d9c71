package dev.churnsentinel.intervention.signin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttemptsTest {
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void pastTheLimitAKeyWaitsForTheWindowToEndWhileOtherKeysGoOn() {
        Attempts attempts = new Attempts(3, Duration.ofMinutes(15));
        assertTrue(attempts.allow("10.0.0.1", T0));
        assertTrue(attempts.allow("10.0.0.1", T0.plusSeconds(1)));
        assertTrue(attempts.allow("10.0.0.1", T0.plusSeconds(2)));
        assertFalse(attempts.allow("10.0.0.1", T0.plusSeconds(3)));
        assertFalse(attempts.allow("10.0.0.1", T0.plusSeconds(899)));
        assertTrue(attempts.allow("10.0.0.2", T0.plusSeconds(3)));
        assertTrue(attempts.allow("10.0.0.1", T0.plusSeconds(900)), "a new window");
    }

    @Test
    void manyKeysDoNotGrowWithoutBound() {
        Attempts attempts = new Attempts(1, Duration.ofSeconds(1));
        for (int i = 0; i < 30_000; i++) {
            attempts.allow("k" + i, T0.plusSeconds(i / 10_000 * 2L));
        }
        assertTrue(attempts.allow("k0", T0.plusSeconds(10)), "an ended window was dropped or renewed");
    }
}
