package dev.churnsentinel.scoring.retention;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long scoring keeps what customers wrote (the evidence quotes of high-risk phrases): {@code defaultDays}, or a
 * tenant's own number of days. Text said — or an assessment made — before a tenant's cutoff ({@code now} minus its
 * days) is old, and is stripped; tiers, scores and signal codes stay.
 */
public final class TextRetention {
    private final int defaultDays;
    private final Map<String, Integer> tenantDays;

    /** {@link IllegalArgumentException} when a number of days is below 1. */
    public TextRetention(int defaultDays, Map<String, Integer> tenantDays) {
        if (defaultDays < 1) {
            throw new IllegalArgumentException("sentinel.retention.text-days must be at least 1, not " + defaultDays);
        }
        tenantDays.forEach((tenant, days) -> {
            if (days == null || days < 1) {
                throw new IllegalArgumentException("sentinel.retention.tenants." + tenant
                        + ".text-days must be at least 1, not " + days);
            }
        });
        this.defaultDays = defaultDays;
        this.tenantDays = new TreeMap<>(tenantDays);
    }

    /** How many days the tenant's text is kept. */
    public int days(String tenant) {
        return tenantDays.getOrDefault(tenant, defaultDays);
    }

    /** The moment before which the tenant's text is old, as of {@code now}. */
    public Instant cutoff(String tenant, Instant now) {
        return now.minus(days(tenant), ChronoUnit.DAYS);
    }

    /** Whether text of the tenant said (or kept) at {@code at} is old as of {@code now}; text of no known time is not. */
    public boolean isOld(String tenant, Instant at, Instant now) {
        return at != null && at.isBefore(cutoff(tenant, now));
    }

    /** Every cutoff as of {@code now}: the tenants with days of their own, and the one of every other tenant. */
    public Cutoffs cutoffs(Instant now) {
        List<String> tenants = new ArrayList<>(tenantDays.keySet());
        List<Instant> at = tenants.stream().map(tenant -> cutoff(tenant, now)).toList();
        return new Cutoffs(tenants, at, now.minus(defaultDays, ChronoUnit.DAYS));
    }

    /**
     * The cutoff of each tenant in {@code tenants} (at the same position in {@code at}) and of every other tenant
     * ({@code others}), as the retention statements take them.
     */
    public record Cutoffs(List<String> tenants, List<Instant> at, Instant others) {
        /** The latest of them: nothing at or after it is old for anyone. */
        public Instant latest() {
            return at.stream().reduce(others, (a, b) -> a.isAfter(b) ? a : b);
        }
    }
}
