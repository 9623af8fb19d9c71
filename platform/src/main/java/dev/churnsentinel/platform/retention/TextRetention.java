package dev.churnsentinel.platform.retention;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long the customers' own words are kept (feedback texts, evidence quotes, notes, comments, notification bodies):
 * {@code sentinel.retention.text-days} days, or a tenant's own ({@code sentinel.retention.tenants.<tenant>.text-days}).
 * Words written before a tenant's cutoff ({@code now} minus its days) are old and are removed by each service's
 * retention job; what was derived from them (scores, tiers, categories, outcomes) stays.
 */
public final class TextRetention {
    private final int days;
    private final Map<String, Integer> tenantDays;

    /**
     * @param days       days words are kept, for tenants without their own number
     * @param tenantDays days words are kept, by tenant
     * @throws IllegalArgumentException when a number of days is below 1
     */
    public TextRetention(int days, Map<String, Integer> tenantDays) {
        this.days = positive(days, "sentinel.retention.text-days");
        this.tenantDays = new TreeMap<>();
        tenantDays.forEach((tenant, n) -> this.tenantDays.put(tenant,
                positive(n, "sentinel.retention.tenants." + tenant + ".text-days")));
    }

    private static int positive(Integer days, String property) {
        if (days == null || days < 1) {
            throw new IllegalArgumentException(property + " must be 1 or more days, not " + days);
        }
        return days;
    }

    /** Days the tenant's words are kept. */
    public int days(String tenant) {
        return tenantDays.getOrDefault(tenant, days);
    }

    /** The tenant's words written before this instant are old at {@code now}. */
    public Instant cutoff(String tenant, Instant now) {
        return now.minus(Duration.ofDays(days(tenant)));
    }

    /** Whether words of the tenant written at {@code writtenAt} are old at {@code now}; words of no known time are not. */
    public boolean isOld(String tenant, Instant writtenAt, Instant now) {
        return writtenAt != null && writtenAt.isBefore(cutoff(tenant, now));
    }

    /** Every cutoff at {@code now}: the tenants with days of their own (in name order), and every other tenant's. */
    public Cutoffs cutoffs(Instant now) {
        List<String> tenants = new ArrayList<>(tenantDays.keySet());
        return new Cutoffs(tenants, tenants.stream().map(tenant -> cutoff(tenant, now)).toList(),
                now.minus(Duration.ofDays(days)));
    }

    /**
     * The cutoff of each tenant in {@code tenants} (at the same position in {@code at}) and of every other tenant
     * ({@code others}), as retention statements take them.
     */
    public record Cutoffs(List<String> tenants, List<Instant> at, Instant others) {
        public Cutoffs {
            tenants = List.copyOf(tenants);
            at = List.copyOf(at);
        }

        /** The latest of them: words written at or after it are not old for any tenant. */
        public Instant latest() {
            return at.stream().reduce(others, (a, b) -> a.isAfter(b) ? a : b);
        }

        /**
         * An SQL condition: {@code time} is before the cutoff of the row's {@code tenant} (both SQL expressions). Its four
         * parameters are bound by {@link #bind}.
         */
        public String olderThan(String tenant, String time) {
            return ("%2$s < ? and %2$s < coalesce((select c.before from unnest(cast(? as text[]), "
                    + "cast(cast(? as text[]) as timestamptz[])) as c(tenant, before) where c.tenant = %1$s), ?)")
                    .formatted(tenant, time);
        }

        /** Binds {@link #olderThan}'s parameters from index {@code first}; answers the next parameter's index. */
        public int bind(PreparedStatement statement, int first) throws SQLException {
            statement.setObject(first, latest().atOffset(ZoneOffset.UTC));
            statement.setArray(first + 1, statement.getConnection().createArrayOf("text", tenants.toArray()));
            statement.setArray(first + 2, statement.getConnection().createArrayOf("text",
                    at.stream().map(Instant::toString).toArray()));
            statement.setObject(first + 3, others.atOffset(ZoneOffset.UTC));
            return first + 4;
        }
    }
}
