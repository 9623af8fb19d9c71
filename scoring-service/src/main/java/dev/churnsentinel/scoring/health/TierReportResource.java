package dev.churnsentinel.scoring.health;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.scoring.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/reports/tiers?weeks=12}: how many customers are in each tier now (and their annual value), and
 * how many were at the end of each of the last weeks, from the score history.
 */
@Tag(name = "Reports", description = "Customers per tier over time")
@Path("/api/v1/reports/tiers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class TierReportResource {
    private static final List<String> TIERS = List.of("GREEN", "YELLOW", "ORANGE", "RED");
    private static final int MAX_WEEKS = 104;

    public record Now(long customers, BigDecimal annualValue) {
    }

    public record Week(OffsetDateTime at, Map<String, Long> customers) {
    }

    public record Report(OffsetDateTime asOf, Map<String, Now> now, List<Week> weeks) {
    }

    private final HealthQueries queries;
    private final SecurityIdentity identity;

    public TierReportResource(HealthQueries queries, SecurityIdentity identity) {
        this.queries = queries;
        this.identity = identity;
    }

    /** @param weeks how many week ends to count at, the last one now (1 to 104) */
    @APIResponse(responseCode = "200", description = "the counts now and at each week's end",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.TIER_REPORT, parseValue = true))
    @APIResponse(responseCode = "400", description = "weeks is not 1 to 104",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badWeeks", value = ApiExamples.INVALID_WEEKS)))
    @GET
    @Operation(operationId = "getTierReport", summary = "Customers and annual value per tier now, and per week",
            description = "How many customers are in each tier now and the annual value they bring, and how many were "
                    + "in each tier at the end of each of the last weeks (1-104, default 12; the last one is now), from "
                    + "the score history.")
    public Uni<Report> tiers(@QueryParam("weeks") @DefaultValue("12") int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("weeks", "must be between 1 and " + MAX_WEEKS)));
        }
        String tenant = Tenants.of(identity);
        OffsetDateTime asOf = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime first = asOf.minusWeeks(weeks - 1L);
        return queries.tiersNow(tenant).flatMap(now -> queries.tiersAt(tenant, first, asOf, Duration.ofDays(7)).map(at -> {
            Map<String, Now> current = new LinkedHashMap<>();
            TIERS.forEach(tier -> current.put(tier, new Now(0, BigDecimal.ZERO)));
            now.forEach(c -> current.put(c.tier(), new Now(c.customers(), c.annualValue())));
            List<Week> series = new ArrayList<>();
            for (int i = 0; i < weeks; i++) {
                OffsetDateTime end = first.plusWeeks(i);
                Map<String, Long> counts = new LinkedHashMap<>();
                TIERS.forEach(tier -> counts.put(tier, 0L));
                at.stream().filter(a -> a.at().toInstant().equals(end.toInstant()))
                        .forEach(a -> counts.put(a.tier(), a.customers()));
                series.add(new Week(end, counts));
            }
            return new Report(asOf, current, series);
        }));
    }
}
