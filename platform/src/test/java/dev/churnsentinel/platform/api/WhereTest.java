package dev.churnsentinel.platform.api;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WhereTest {

    @Test
    void onlyTheFiltersGivenAddTheirConditionAndParameter() {
        OffsetDateTime since = OffsetDateTime.parse("2026-12-01T00:00Z");
        Where where = new Where(new HashMap<>(Map.of("k0", 1L))).equal("tenant", "acme").equal("customerId", null)
                .in("tier", Set.of("RED")).in("kind", null).between("updatedAt", new QueryValues.Period(since, null))
                .compare("riskScore", ">=", "minScore", 60.0).compare("riskScore", "<=", "maxScore", null)
                .and("escalationLevel > 0");
        assertEquals("tenant = :tenant and tier in :tier and updatedAt >= :updatedAtSince and riskScore >= :minScore"
                + " and escalationLevel > 0", where.toString());
        assertEquals(Map.of("k0", 1L, "tenant", "acme", "tier", Set.of("RED"), "updatedAtSince", since, "minScore", 60.0),
                where.parameters());
    }
}
