package dev.churnsentinel.intervention.retention;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long the customers' words are kept (evidence quotes, notes, comments, notification bodies): a number of days,
 * the same for every tenant unless a tenant has its own. Words written before a tenant's cutoff are old.
 */
public final class TextRetention {
    private final int days;
    private final Map<String, Integer> tenantDays;

    /**
     * @param days       days words are kept, for tenants without their own number
     * @param tenantDays days words are kept, by tenant
     */
    public TextRetention(int days, Map<String, Integer> tenantDays) {
        this.days = positive(days, "sentinel.retention.text-days");
        this.tenantDays = new TreeMap<>();
        tenantDays.forEach((tenant, n) -> this.tenantDays.put(tenant,
                positive(n, "sentinel.retention.tenants." + tenant + ".text-days")));
    }

    private static int positive(int days, String property) {
        if (days < 1) {
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

    /** Whether words of the tenant written at {@code writtenAt} are old at {@code now}. */
    public boolean isOld(String tenant, Instant writtenAt, Instant now) {
        return writtenAt.isBefore(cutoff(tenant, now));
    }

    /** Every tenant's cutoff at {@code now}, as one statement's parameters. */
    public Cutoffs cutoffs(Instant now) {
        String[] tenants = tenantDays.keySet().toArray(String[]::new);
        Instant[] before = new Instant[tenants.length];
        Instant others = now.minus(Duration.ofDays(days));
        Instant latest = others;
        for (int i = 0; i < tenants.length; i++) {
            before[i] = cutoff(tenants[i], now);
            latest = before[i].isAfter(latest) ? before[i] : latest;
        }
        return new Cutoffs(tenants, before, others, latest);
    }

    /**
     * The tenants with their own cutoff, and the cutoff of the others; {@code latest} is the latest of them all (words
     * written after it are not old for any tenant).
     */
    public record Cutoffs(String[] tenants, Instant[] before, Instant others, Instant latest) {

        /**
         * An SQL condition: {@code time} is before the cutoff of the row's {@code tenant} (both SQL expressions). Its
         * four parameters are bound by {@link #bind}.
         */
        public String olderThan(String tenant, String time) {
            return "%2$s < ? and %2$s < coalesce((select c.before from unnest(cast(? as text[]), cast(cast(? as text[]) as timestamptz[])) "
                    .formatted(tenant, time) + "as c(tenant, before) where c.tenant = " + tenant + "), ?)";
        }

        /** Binds {@link #olderThan}'s parameters from {@code first}; answers the next parameter's index. */
        public int bind(PreparedStatement statement, int first) throws SQLException {
            statement.setObject(first, latest.atOffset(ZoneOffset.UTC));
            statement.setArray(first + 1, statement.getConnection().createArrayOf("text", tenants));
            String[] times = new String[before.length];
            for (int i = 0; i < before.length; i++) {
                times[i] = before[i].toString();
            }
            statement.setArray(first + 2, statement.getConnection().createArrayOf("text", times));
            statement.setObject(first + 3, others.atOffset(ZoneOffset.UTC));
            return first + 4;
        }
    }
}
