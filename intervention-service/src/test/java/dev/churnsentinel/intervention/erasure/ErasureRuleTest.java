package dev.churnsentinel.intervention.erasure;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErasureRuleTest {
    private static final Instant REQUESTED = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void aChangeMadeBeforeOrAtTheRequestRestsOnErasedData() {
        assertTrue(ErasureRule.madeBefore("2026-03-01T07:59:59Z", "", REQUESTED));
        assertTrue(ErasureRule.madeBefore("2026-03-01T08:00:00Z", "", REQUESTED), "at the same instant: not after");
        // the same instant written with China's offset
        assertTrue(ErasureRule.madeBefore("2026-03-01T15:59:00+08:00", "", REQUESTED));
    }

    @Test
    void aChangeMadeAfterTheRequestIsANewStart() {
        assertFalse(ErasureRule.madeBefore("2026-03-01T08:00:01Z", "", REQUESTED));
        assertFalse(ErasureRule.madeBefore("2026-03-01T16:00:01+08:00", "2026-03-01T08:00:00.5Z", REQUESTED));
    }

    @Test
    void aChangeCausedByARecordAcceptedBeforeTheRequestRestsOnErasedDataWhenScoringActedLater() {
        assertTrue(ErasureRule.madeBefore("2026-03-01T08:05:00Z", "2026-03-01T07:59:00Z", REQUESTED));
        assertTrue(ErasureRule.madeBefore("", "2026-03-01T07:59:00Z", REQUESTED));
        assertFalse(ErasureRule.madeBefore("", "2026-03-01T08:01:00Z", REQUESTED));
    }

    @Test
    void aChangeThatDoesNotSayWhenOrSaysItUnreadablyIsTakenAsMadeBefore() {
        assertTrue(ErasureRule.madeBefore("", "", REQUESTED));
        assertTrue(ErasureRule.madeBefore(null, null, REQUESTED));
        assertTrue(ErasureRule.madeBefore("yesterday", "2026-03-01T09:00:00Z", REQUESTED));
        assertNull(ErasureRule.parse("yesterday"));
    }

    @Test
    void customersAreKnownByAHashOfTheirIdOnly() {
        String hash = ErasedCustomers.hash("C-1001");
        assertEquals(64, hash.length());
        assertFalse(hash.contains("1001"));
        assertEquals(hash, ErasedCustomers.hash("C-1001"));
        assertNotEquals(hash, ErasedCustomers.hash("C-1002"));
    }
}
