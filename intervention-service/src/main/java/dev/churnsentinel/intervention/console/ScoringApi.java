package dev.churnsentinel.intervention.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The part of scoring-service's REST API the console reads (its public contract, as any integrator reads it). Fields
 * it does not know are skipped: scoring may add fields to its answers.
 */
@RegisterRestClient(configKey = "scoring")
@Path("/api/v1")
public interface ScoringApi {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Signal(String code, String detail) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Dimension(String name, double weight, double score, List<Signal> signals) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /** {@code start}/{@code end}: the phrase in the whole feedback; {@code evidenceStart}/{@code evidenceEnd}: in {@code evidence}. */
    record Override(String rule, String tier, String detail, String feedbackId, String category, String evidence,
                    Integer start, Integer end, Integer evidenceStart, Integer evidenceEnd) {

        /** The phrase's offsets in {@code evidence}: given, or the whole-text ones when the evidence is the whole text. */
        Integer[] inEvidence() {
            if (evidenceStart != null && evidenceEnd != null) {
                return new Integer[]{evidenceStart, evidenceEnd};
            }
            boolean whole = evidence != null && !evidence.startsWith("…") && !evidence.endsWith("…");
            return whole && start != null && end != null ? new Integer[]{start, end} : null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Health(String customerId, double riskScore, String tier, String stage, List<Dimension> dimensions,
                  List<Override> overrides, OffsetDateTime computedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HistoryEntry(double riskScore, String tier, String stage, OffsetDateTime computedAt, List<Override> overrides,
                        List<Dimension> dimensions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AtRisk(String customerId, double riskScore, String tier, String stage, String valueTier, BigDecimal annualValue,
                  OffsetDateTime computedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page<T>(List<T> items, int total) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TierNow(long customers, BigDecimal annualValue) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TierWeek(OffsetDateTime at, java.util.Map<String, Long> customers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TierReport(OffsetDateTime asOf, java.util.Map<String, TierNow> now, List<TierWeek> weeks) {
    }

    @GET
    @Path("/customers/{id}/health")
    Uni<Health> health(@HeaderParam("Authorization") String authorization, @PathParam("id") String customerId);

    @GET
    @Path("/customers/{id}/health/history")
    Uni<Page<HistoryEntry>> history(@HeaderParam("Authorization") String authorization, @PathParam("id") String customerId);

    @GET
    @Path("/scoring-model")
    Uni<com.fasterxml.jackson.databind.JsonNode> model(@HeaderParam("Authorization") String authorization);

    @jakarta.ws.rs.PUT
    @Path("/scoring-model")
    @jakarta.ws.rs.Consumes("application/json")
    Uni<com.fasterxml.jackson.databind.JsonNode> replaceModel(@HeaderParam("Authorization") String authorization,
                                                           com.fasterxml.jackson.databind.JsonNode model);

    @GET
    @Path("/reports/tiers")
    Uni<TierReport> tiers(@HeaderParam("Authorization") String authorization, @QueryParam("weeks") int weeks);

    @GET
    @Path("/customers")
    Uni<Page<AtRisk>> atRisk(@HeaderParam("Authorization") String authorization, @QueryParam("tier") String tier,
                             @QueryParam("limit") int limit);
}
