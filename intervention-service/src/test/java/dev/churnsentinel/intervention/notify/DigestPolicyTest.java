package dev.churnsentinel.intervention.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DigestPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final DigestPolicy policy = new DigestPolicy(3, Duration.ofMinutes(2));

    @Test
    void theFirstFewGoAloneAndTheRestWaitTogetherForOneDigest() {
        DigestPolicy.Person person = new DigestPolicy.Person(1, null); // one already sent within the window
        int alone = 0;
        Instant firstHeld = null;
        for (int i = 0; i < 10; i++) {
            DigestPolicy.Decision decision = policy.next(person, NOW.plusSeconds(i));
            person = decision.next();
            if (decision.heldUntil() == null) {
                alone++;
            } else if (firstHeld == null) {
                firstHeld = decision.heldUntil();
            } else {
                assertEquals(firstHeld, decision.heldUntil(), "later ones join the waiting digest");
            }
        }
        assertEquals(2, alone, "3 within the window, one of them before");
        assertEquals(NOW.plusSeconds(2).plus(Duration.ofMinutes(2)), firstHeld, "the first to wait waits one window");
    }

    @Test
    void anEMailJoinsADigestAlreadyWaitingEvenWhenFewWentAlone() {
        Instant due = NOW.plusSeconds(30);
        DigestPolicy.Decision decision = policy.next(new DigestPolicy.Person(0, due), NOW);
        assertEquals(due, decision.heldUntil());
    }

    @Test
    void aQuietPersonGetsEachAlone() {
        DigestPolicy.Decision decision = policy.next(new DigestPolicy.Person(0, null), NOW);
        assertNull(decision.heldUntil());
        assertEquals(1, decision.next().sentAlone());
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DigestPolicy(-1, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new DigestPolicy(10, Duration.ZERO));
    }
}
