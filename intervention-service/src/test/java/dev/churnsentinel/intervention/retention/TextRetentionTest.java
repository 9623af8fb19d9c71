package dev.churnsentinel.intervention.retention;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextRetentionTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final TextRetention retention = new TextRetention(730, Map.of("acme", 30, "bank", 1825));

    @Test
    void wordsAreOldOnceOlderThanTheTenantsDays() {
        assertTrue(retention.isOld("demo", NOW.minus(Duration.ofDays(731)), NOW));
        assertFalse(retention.isOld("demo", NOW.minus(Duration.ofDays(729)), NOW));
        assertFalse(retention.isOld("demo", NOW.minus(Duration.ofDays(730)), NOW), "exactly at the cutoff: kept");
        assertTrue(retention.isOld("acme", NOW.minus(Duration.ofDays(31)), NOW), "a tenant's own, shorter limit");
        assertFalse(retention.isOld("bank", NOW.minus(Duration.ofDays(731)), NOW), "a tenant's own, longer limit");
        assertEquals(30, retention.days("acme"));
        assertEquals(730, retention.days("anyone"));
    }

    @Test
    void theCutoffsNameEachTenantWithItsOwnLimitAndTheLatestBoundsTheSearch() {
        TextRetention.Cutoffs cutoffs = retention.cutoffs(NOW);
        assertArrayEquals(new String[] {"acme", "bank"}, cutoffs.tenants());
        assertEquals(Arrays.asList(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1825))),
                Arrays.asList(cutoffs.before()));
        assertEquals(NOW.minus(Duration.ofDays(730)), cutoffs.others());
        assertEquals(NOW.minus(Duration.ofDays(30)), cutoffs.latest(), "nothing newer is old for anyone");
        assertEquals(NOW.minus(Duration.ofDays(730)), new TextRetention(730, Map.of()).cutoffs(NOW).latest());
    }

    @Test
    void aLimitOfNoDaysIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextRetention(0, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TextRetention(730, Map.of("acme", -1)));
        assertTrue(e.getMessage().contains("sentinel.retention.tenants.acme.text-days"), e.getMessage());
    }
}
