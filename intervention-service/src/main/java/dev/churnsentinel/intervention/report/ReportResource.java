package dev.churnsentinel.intervention.report;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.intervention.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/v1/reports/retention}: what the interventions of a period achieved, per tier. */
@Tag(name = "Reports", description = "What the interventions achieved")
@Path("/api/v1/reports/retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class ReportResource {
    private final SecurityIdentity identity;
    private final InterventionConfig config;
    private final RetentionQueries queries;

    public ReportResource(SecurityIdentity identity, InterventionConfig config, RetentionQueries queries) {
        this.identity = identity;
        this.config = config;
        this.queries = queries;
    }

    /**
     * @param from          start of the period (tasks created at or after it); default 90 days before {@code to}
     * @param to            end of the period (exclusive); default now
     * @param margin        overrides the configured margin (0-1)
     * @param lifetimeYears overrides the configured remaining lifetime in years
     */
    @GET
    @APIResponse(responseCode = "200", description = "one line per tier and a last line ALL, and the exit reasons counted",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.RETENTION, parseValue = true))
    @APIResponse(responseCode = "400", description = "a time that is not ISO-8601 with offset, from not before to, or an assumption out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badPeriod", value = ApiExamples.INVALID_PERIOD)))
    @Operation(operationId = "getRetentionReport", summary = "Tasks, SLA compliance, save rate and money kept, per tier",
            description = "For the tasks created in [from, to) (default the last 90 days): how many were acknowledged "
                    + "and resolved on time, how many customers were retained or lost (save rate), the annual value kept × "
                    + "margin × remaining lifetime against the cost of the interventions (ROI). A rate with nothing to "
                    + "measure yet is null.")
    public Uni<RetentionQueries.Report> retention(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("margin") Double margin, @QueryParam("lifetimeYears") Double lifetimeYears) {
        List<Problem.FieldError> errors = new ArrayList<>();
        OffsetDateTime end = time("to", to, OffsetDateTime.now(ZoneOffset.UTC), errors);
        OffsetDateTime start = time("from", from, end.minusDays(90), errors);
        if (!start.isBefore(end)) {
            errors.add(new Problem.FieldError("from", "must be before to"));
        }
        if (margin != null && (margin < 0 || margin > 1)) {
            errors.add(new Problem.FieldError("margin", "must be between 0 and 1"));
        }
        if (lifetimeYears != null && (lifetimeYears < 0 || lifetimeYears > 100)) {
            errors.add(new Problem.FieldError("lifetimeYears", "must be between 0 and 100"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        RetentionReport.Assumptions assumptions = new RetentionReport.Assumptions(
                margin == null ? config.retention().margin() : margin,
                lifetimeYears == null ? config.retention().lifetimeYears() : lifetimeYears);
        return queries.report(Tenants.of(identity), start, end, assumptions);
    }

    private static OffsetDateTime time(String field, String value, OffsetDateTime fallback, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.trim().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 time with offset, e.g. 2026-03-01T00:00:00+08:00"));
            return fallback;
        }
    }
}
