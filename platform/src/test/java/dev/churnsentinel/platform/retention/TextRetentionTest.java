package dev.churnsentinel.platform.retention;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final TextRetention rule = new TextRetention(730, Map.of("short", 30, "long", 3650));

    @Test
    void wordsAreOldBeforeTheirTenantsCutoff() {
        assertEquals(730, rule.days("any"));
        assertEquals(30, rule.days("short"));
        assertEquals(Instant.parse("2024-12-06T12:00:00Z"), rule.cutoff("any", NOW));
        assertEquals(Instant.parse("2026-11-06T12:00:00Z"), rule.cutoff("short", NOW));
        assertTrue(rule.isOld("any", Instant.parse("2024-12-06T11:59:59Z"), NOW));
        assertFalse(rule.isOld("any", Instant.parse("2024-12-06T12:00:00Z"), NOW), "the cutoff itself is kept");
        assertFalse(rule.isOld("any", Instant.parse("2026-11-01T00:00:00Z"), NOW));
        assertTrue(rule.isOld("short", Instant.parse("2026-11-01T00:00:00Z"), NOW), "a tenant's own, shorter limit");
        assertFalse(rule.isOld("long", Instant.parse("2020-01-01T00:00:00Z"), NOW), "a tenant's own, longer limit");
        assertFalse(rule.isOld("any", null, NOW), "words of no known time are not old");
    }

    @Test
    void theCutoffsNameEachTenantWithDaysOfItsOwnAndTheRest() {
        TextRetention.Cutoffs cutoffs = rule.cutoffs(NOW);
        assertEquals(List.of("long", "short"), cutoffs.tenants());
        assertEquals(List.of(Instant.parse("2016-12-08T12:00:00Z"), Instant.parse("2026-11-06T12:00:00Z")), cutoffs.at());
        assertEquals(Instant.parse("2024-12-06T12:00:00Z"), cutoffs.others());
        assertEquals(Instant.parse("2026-11-06T12:00:00Z"), cutoffs.latest(), "nothing newer is old for anyone");
        assertEquals(cutoffs.others(), new TextRetention(730, Map.of()).cutoffs(NOW).latest());
        assertEquals("x.at < ? and x.at < coalesce((select c.before from unnest(cast(? as text[]), "
                        + "cast(cast(? as text[]) as timestamptz[])) as c(tenant, before) where c.tenant = x.tenant), ?)",
                cutoffs.olderThan("x.tenant", "x.at"));
    }

    @Test
    void daysBelowOneAreRefusedNamingTheSetting() {
        assertEquals("sentinel.retention.text-days must be 1 or more days, not 0",
                assertThrows(IllegalArgumentException.class, () -> new TextRetention(0, Map.of())).getMessage());
        assertEquals("sentinel.retention.tenants.t.text-days must be 1 or more days, not -1",
                assertThrows(IllegalArgumentException.class, () -> new TextRetention(730, Map.of("t", -1))).getMessage());
    }
}
