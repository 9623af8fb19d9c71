package dev.churnsentinel.scoring.health;

import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.scoring.model.Assessment;
import dev.churnsentinel.scoring.model.Tier;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The filters and orders of {@code GET /api/v1/customers}, read strictly (a value it does not take is a 400). */
public class CustomerListParameters {
    private static final List<String> TIERS = Arrays.stream(Tier.values()).map(Enum::name).toList();
    private static final Set<String> AT_RISK = Set.of("YELLOW", "ORANGE", "RED");
    private static final List<String> STAGES = Arrays.stream(Assessment.Stage.values()).map(Enum::name).toList();
    private static final List<String> VALUE_TIERS = List.of("VIP", "HIGH", "STANDARD", "LOW");
    private static final Map<String, Keyset<CustomerHealth>> SORTS = Map.of("urgency", HealthQueries.BY_URGENCY,
            "updatedAt", HealthQueries.BY_ASSESSMENT);

    @QueryParam("tier")
    @Parameter(description = "One tier or a comma-separated list of GREEN, YELLOW, ORANGE, RED; by default every tier but GREEN")
    String tier;

    @QueryParam("stage")
    @Parameter(description = "One stage or a comma-separated list: SATISFIED, DOUBTING, PROBING, DECIDED")
    String stage;

    @QueryParam("segment")
    @Parameter(description = "Only customers of this segment, as their profile gives it")
    String segment;

    @QueryParam("valueTier")
    @Parameter(description = "One value tier or a comma-separated list: VIP, HIGH, STANDARD, LOW")
    String valueTier;

    @QueryParam("minScore")
    @Parameter(description = "Risk score at least this (0-100)", schema = @Schema(type = SchemaType.NUMBER))
    String minScore;

    @QueryParam("maxScore")
    @Parameter(description = "Risk score at most this (0-100)", schema = @Schema(type = SchemaType.NUMBER))
    String maxScore;

    @QueryParam("updatedSince")
    @Parameter(description = "Assessed at or after this time (ISO-8601 with offset, or a date meaning 00:00 UTC): "
            + "what a sync asks for, with sort=updatedAt")
    String updatedSince;

    @QueryParam("updatedBefore")
    @Parameter(description = "Assessed before this time")
    String updatedBefore;

    @QueryParam("sort")
    @Parameter(description = "urgency (default: risk, then annual value, highest first) or updatedAt (least recently assessed first)")
    String sort;

    HealthQueries.Filter filter() {
        Set<String> tiers = QueryValues.anyOf("tier", tier, TIERS);
        Double min = QueryValues.number("minScore", minScore, 0, 100);
        Double max = QueryValues.number("maxScore", maxScore, 0, 100);
        if (min != null && max != null && min > max) {
            throw QueryValues.invalid("maxScore", "must be at least minScore");
        }
        return new HealthQueries.Filter(tiers == null ? AT_RISK : tiers, QueryValues.anyOf("stage", stage, STAGES),
                QueryValues.text("segment", segment, 200), QueryValues.anyOf("valueTier", valueTier, VALUE_TIERS), min, max,
                QueryValues.period("updated", updatedSince, updatedBefore));
    }

    Keyset<CustomerHealth> order() {
        return QueryValues.choice("sort", sort, SORTS, "urgency");
    }
}
