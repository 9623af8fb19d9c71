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

    @WithSession
    public Uni<List<HealthHistory>> history(String tenant, String customerId) {
        return HealthHistory.<HealthHistory>find("tenant = ?1 and customerId = ?2", Sort.ascending("computedAt", "id"),
                tenant, customerId).list();
    }
}
