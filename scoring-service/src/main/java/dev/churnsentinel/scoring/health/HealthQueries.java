package dev.churnsentinel.scoring.health;

import dev.churnsentinel.scoring.model.Tier;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** What the REST API reads; always within one tenant. */
@ApplicationScoped
public class HealthQueries {

    @WithSession
    public Uni<CustomerHealth> find(String tenant, String customerId) {
        return CustomerHealth.findById(new CustomerHealth.Key(tenant, customerId));
    }

    /** Customers of a tier (or every tier but GREEN), most urgent first: risk, then annual value. */
    @WithSession
    public Uni<List<CustomerHealth>> atRisk(String tenant, Tier tier, int limit) {
        Sort urgency = Sort.descending("riskScore").and("annualValue", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST);
        return (tier == null
                ? CustomerHealth.<CustomerHealth>find("tenant = ?1 and tier <> 'GREEN'", urgency, tenant)
                : CustomerHealth.<CustomerHealth>find("tenant = ?1 and tier = ?2", urgency, tenant, tier.name()))
                .page(Page.ofSize(limit)).list();
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

    @WithSession
    public Uni<List<HealthHistory>> history(String tenant, String customerId) {
        return HealthHistory.<HealthHistory>find("tenant = ?1 and customerId = ?2", Sort.ascending("computedAt", "id"),
                tenant, customerId).list();
    }
}
