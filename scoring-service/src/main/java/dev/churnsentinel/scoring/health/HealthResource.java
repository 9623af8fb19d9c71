package dev.churnsentinel.scoring.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.scoring.model.Assessment;
import dev.churnsentinel.scoring.model.Tier;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class HealthResource {
    private static final int MAX_LIMIT = 500;

    public record ModelRef(String name, int version) {
    }

    public record HealthView(String customerId, double riskScore, Tier tier, Assessment.Stage stage, ModelRef model,
                             List<Assessment.Dimension> dimensions, List<Assessment.Override> overrides,
                             OffsetDateTime computedAt) {
    }

    public record AtRisk(String customerId, double riskScore, String tier, String stage, String valueTier,
                         BigDecimal annualValue, OffsetDateTime computedAt) {
    }

    public record HistoryEntry(double riskScore, String tier, String stage, OffsetDateTime computedAt,
                               List<Assessment.Override> overrides, List<Assessment.Dimension> dimensions) {
    }

    private final HealthQueries queries;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public HealthResource(HealthQueries queries, SecurityIdentity identity, ObjectMapper json) {
        this.queries = queries;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Path("/{customerId}/health")
    public Uni<HealthView> health(@PathParam("customerId") String customerId) {
        return queries.find(Tenants.of(identity), customerId).map(health -> {
            if (health == null || health.assessment == null) {
                throw ProblemException.notFound("customer " + customerId);
            }
            Assessment a = assessment(health.assessment);
            return new HealthView(customerId, a.riskScore(), a.tier(), a.stage(),
                    new ModelRef(a.modelName(), a.modelVersion()), a.dimensions(), a.overrides(), health.computedAt);
        });
    }

    /** Customers at risk, most urgent first; {@code tier} narrows to one tier. */
    @GET
    public Uni<Items<AtRisk>> atRisk(@QueryParam("tier") String tier, @QueryParam("limit") @DefaultValue("50") int limit) {
        Tier wanted = parseTier(tier);
        return queries.atRisk(Tenants.of(identity), wanted, Items.limit(limit, MAX_LIMIT)).map(list -> Items.of(list.stream()
                .map(h -> new AtRisk(h.customerId, h.riskScore, h.tier, h.stage, h.valueTier, h.annualValue, h.computedAt))
                .toList()));
    }

    @GET
    @Path("/{customerId}/health/history")
    public Uni<Items<HistoryEntry>> history(@PathParam("customerId") String customerId) {
        String tenant = Tenants.of(identity);
        return queries.find(tenant, customerId).flatMap(health -> {
            if (health == null) {
                throw ProblemException.notFound("customer " + customerId);
            }
            return queries.history(tenant, customerId);
        }).map(entries -> Items.of(entries.stream().map(e -> {
            Assessment a = assessment(e.reason);
            return new HistoryEntry(e.riskScore, e.tier, e.stage, e.computedAt, a.overrides(), a.dimensions());
        }).toList()));
    }

    private static Tier parseTier(String tier) {
        if (tier == null || tier.isBlank()) {
            return null;
        }
        try {
            return Tier.valueOf(tier.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("tier", "must be one of " + List.of(Tier.values()))));
        }
    }

    private Assessment assessment(String document) {
        try {
            return json.readValue(document, Assessment.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
