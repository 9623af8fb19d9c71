package dev.churnsentinel.scoring.health;

import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.api.Where;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the REST API reads; always within one tenant. */
@ApplicationScoped
public class HealthQueries {

    @WithSession
    public Uni<CustomerHealth> find(String tenant, String customerId) {
        return CustomerHealth.findById(new CustomerHealth.Key(tenant, customerId));
    }

    /** Filters of the customer list; null means "any". */
    public record Filter(Set<String> tiers, Set<String> stages, String segment, Set<String> valueTiers, Double minScore,
                         Double maxScore, QueryValues.Period updated) {
    }

    private static final BigDecimal NO_VALUE = BigDecimal.valueOf(-1);

    /** Most urgent first: risk, then annual value (a customer without one last), then the id. */
    public static final Keyset<CustomerHealth> BY_URGENCY = Keyset.of("urgency",
            Keyset.Column.desc("riskScore", Keyset.Type.NUMBER, h -> h.riskScore),
            Keyset.Column.desc("coalesce(annualValue, -1)", Keyset.Type.DECIMAL,
                    h -> h.annualValue == null ? NO_VALUE : h.annualValue),
            Keyset.Column.asc("customerId", Keyset.Type.TEXT, h -> h.customerId));
    /** Least recently assessed first: what a sync reads. */
    public static final Keyset<CustomerHealth> BY_ASSESSMENT = Keyset.of("updatedAt",
            Keyset.Column.asc("computedAt", Keyset.Type.TIME, h -> h.computedAt),
            Keyset.Column.asc("customerId", Keyset.Type.TEXT, h -> h.customerId));

    @WithSession
    public Uni<List<CustomerHealth>> customers(String tenant, Filter filter, Keyset<CustomerHealth> order, String after,
                                               Map<String, Object> position, int max) {
        Where where = where(tenant, filter, new HashMap<>(position));
        return CustomerHealth.<CustomerHealth>find("from CustomerHealth where " + where + after + " order by "
                + order.orderBy(), where.parameters()).page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> count(String tenant, Filter filter) {
        Where where = where(tenant, filter, new HashMap<>());
        return CustomerHealth.count(where.toString(), where.parameters());
    }

    private static Where where(String tenant, Filter filter, Map<String, Object> parameters) {
        return new Where(parameters).equal("tenant", tenant).in("tier", filter.tiers()).in("stage", filter.stages())
                .equal("segment", filter.segment()).in("valueTier", filter.valueTiers())
                .compare("riskScore", ">=", "minScore", filter.minScore())
                .compare("riskScore", "<=", "maxScore", filter.maxScore()).between("computedAt", filter.updated());
    }

    /** Customers and their annual value per tier, now. */
    private static final String TIERS_NOW = "select tier, count(*), coalesce(sum(annual_value), 0) from customer_health "
            + "where tenant = ?1 group by tier";
    /**
     * Customers per tier at each of the given instants, from the history: each entry is a customer's tier from its
     * time until the customer's next entry; one pass over the tenant's history.
     */
    private static final String TIERS_AT = "select w.at, t.tier, count(*) from ("
            + "select tier, computed_at, lead(computed_at) over (partition by customer_id order by computed_at, id) as until "
            + "from health_history where tenant = ?1 and computed_at <= ?3) t "
            + "join (select generate_series(cast(?2 as timestamptz), cast(?3 as timestamptz), make_interval(secs => cast(?4 as double precision))) as at) w "
            + "on t.computed_at <= w.at and (t.until is null or t.until > w.at) group by 1, 2";

    public record TierCount(String tier, long customers, java.math.BigDecimal annualValue) {
    }

    public record TierAt(java.time.OffsetDateTime at, String tier, long customers) {
    }

    @WithSession
    public Uni<List<TierCount>> tiersNow(String tenant) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(session -> session
                        .createNativeQuery(TIERS_NOW, Object[].class).setParameter(1, tenant).getResultList())
                .map(rows -> rows.stream().map(r -> new TierCount((String) r[0], ((Number) r[1]).longValue(),
                        r[2] instanceof java.math.BigDecimal b ? b : new java.math.BigDecimal(r[2].toString()))).toList());
    }

    /** Customers per tier at {@code first}, then every {@code step} up to {@code last}. */
    @WithSession
    public Uni<List<TierAt>> tiersAt(String tenant, java.time.OffsetDateTime first, java.time.OffsetDateTime last,
                                     java.time.Duration step) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(session -> session
                        .createNativeQuery(TIERS_AT, Object[].class).setParameter(1, tenant).setParameter(2, first)
                        .setParameter(3, last).setParameter(4, (double) step.toSeconds()).getResultList())
                .map(rows -> rows.stream().map(r -> new TierAt(time(r[0]), (String) r[1], ((Number) r[2]).longValue())).toList());
    }

    private static java.time.OffsetDateTime time(Object value) {
        if (value instanceof java.time.OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atOffset(java.time.ZoneOffset.UTC);
        }
        return java.time.OffsetDateTime.parse(value.toString());
    }

    /** A customer's history in the order it was assessed. */
    public static final Keyset<HealthHistory> HISTORY_IN_ORDER = Keyset.of("computedAt",
            Keyset.Column.asc("computedAt", Keyset.Type.TIME, e -> e.computedAt), Keyset.Column.asc("id", Keyset.Type.INTEGER, e -> e.id));

    @WithSession
    public Uni<List<HealthHistory>> history(String tenant, String customerId, String after, Map<String, Object> position,
                                            int max) {
        Map<String, Object> parameters = new HashMap<>(position);
        parameters.put("tenant", tenant);
        parameters.put("customer", customerId);
        return HealthHistory.<HealthHistory>find("from HealthHistory where tenant = :tenant and customerId = :customer" + after
                + " order by " + HISTORY_IN_ORDER.orderBy(), parameters).page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> countHistory(String tenant, String customerId) {
        return HealthHistory.count("tenant = ?1 and customerId = ?2", tenant, customerId);
    }
}
