package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.scoring.ApiExamples;
import dev.churnsentinel.scoring.model.ModelConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/model-quality}: how well the tenant's score foretold who cancelled, on the tenant's own history
 * ({@link Backtest}); {@code GET /api/v1/model-quality/trend}: the same as of the first day of each of the last months.
 */
@Tag(name = "Model quality", description = "Backtests of the scoring model on the tenant's own history")
@Path("/api/v1/model-quality")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class ModelQualityResource {
    static final int DEFAULT_HORIZON = 90;
    static final int DEFAULT_LOOK_BACK = 180;

    /** One month of the trend: its backtest, or why there is none. */
    public record Month(String asOf, ModelQuality quality, String tooLittleHistory) {
    }

    private final Backtests backtests;
    private final SecurityIdentity identity;

    public ModelQualityResource(Backtests backtests, SecurityIdentity identity) {
        this.backtests = backtests;
        this.identity = identity;
    }

    @APIResponse(responseCode = "200", description = "the backtest",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.MODEL_QUALITY, parseValue = true))
    @APIResponse(responseCode = "400", description = "a parameter is malformed or out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badHorizon", value = ApiExamples.INVALID_HORIZON)))
    @APIResponse(responseCode = "404", description = "no such model version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @APIResponse(responseCode = "422", description = "too little history for a backtest; the detail says how much is needed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "tooLittle", value = ApiExamples.TOO_LITTLE_HISTORY)))
    @GET
    @Blocking
    @Operation(operationId = "getModelQuality", summary = "How well the score foretold who cancelled",
            description = "Scores every customer as of asOf (YYYY-MM-DD, default: horizonDays before today) from the "
                    + "records that had occurred by then, and compares with the following horizonDays (7-365, default "
                    + "90): churn rate and lift per tier, the AUC of the risk score for cancellations with a 95 % "
                    + "bootstrap interval, lead times (days from the first tier other than GREEN within lookBackDays "
                    + "before a cancellation, 7-730, default 180), cancellations missed while GREEN, churn rate per "
                    + "score decile. Customers who moved away are counted as passive and left out of the measures. "
                    + "falseAlarms: per tier, intervention's tasks resolved within the window by outcome (exit surveys "
                    + "left out), and the share of them resolved FALSE_ALARM. "
                    + "modelVersion scores with an earlier or later version of the tenant's model (default: in force).")
    public ModelQuality quality(@QueryParam("asOf") String asOf, @QueryParam("horizonDays") String horizonDays,
                                @QueryParam("lookBackDays") String lookBackDays, @QueryParam("modelVersion") String modelVersion) {
        String tenant = Tenants.of(identity);
        int horizon = days("horizonDays", horizonDays, DEFAULT_HORIZON, 365);
        int lookBack = days("lookBackDays", lookBackDays, DEFAULT_LOOK_BACK, 730);
        Instant date = asOf == null ? LocalDate.now(ZoneOffset.UTC).minusDays(horizon).atStartOfDay(ZoneOffset.UTC).toInstant()
                : date("asOf", asOf);
        if (date.isAfter(Instant.now())) {
            throw QueryValues.invalid("asOf", "must not be in the future");
        }
        Backtest.Result result = run(tenant, model(tenant, modelVersion), List.of(date), horizon, lookBack).get(0);
        if (result.quality() == null) {
            throw tooLittleHistory(result.tooLittleHistory() + backtests.historyStart(tenant));
        }
        return result.quality();
    }

    @APIResponse(responseCode = "200", description = "one backtest per month, oldest first")
    @APIResponse(responseCode = "400", description = "a parameter is malformed or out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @GET
    @Path("/trend")
    @Blocking
    @Operation(operationId = "getModelQualityTrend", summary = "The backtest as of the first day of each of the last months",
            description = "The same backtest as GET /api/v1/model-quality as of the first day of each of the last "
                    + "months (1-24, default 12), the tenant's history read once. A month without enough history says "
                    + "so in tooLittleHistory; one whose window has not ended yet is marked complete: false.")
    public List<Month> trend(@QueryParam("months") String months, @QueryParam("horizonDays") String horizonDays,
                             @QueryParam("lookBackDays") String lookBackDays, @QueryParam("modelVersion") String modelVersion) {
        String tenant = Tenants.of(identity);
        int count = days("months", months, 12, 1, 24);
        int horizon = days("horizonDays", horizonDays, DEFAULT_HORIZON, 365);
        int lookBack = days("lookBackDays", lookBackDays, DEFAULT_LOOK_BACK, 730);
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        List<Instant> dates = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            dates.add(now.minusMonths(i).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return run(tenant, model(tenant, modelVersion), dates, horizon, lookBack).stream()
                .map(r -> new Month(r.asOf().toString(), r.quality(), r.tooLittleHistory())).toList();
    }

    private List<Backtest.Result> run(String tenant, ModelConfig model, List<Instant> dates, int horizon, int lookBack) {
        Backtest backtest = backtests.backtest(model, dates, horizon, lookBack);
        backtests.read(tenant, backtest);
        return backtest.results(model.version(), lookBack, Instant.now());
    }

    private ModelConfig model(String tenant, String version) {
        return backtests.model(tenant, version == null ? null : QueryValues.integer("modelVersion", version, 1, Integer.MAX_VALUE));
    }

    static ProblemException tooLittleHistory(String detail) {
        return new ProblemException(422, "Too little history", detail);
    }

    static int days(String field, String value, int byDefault, int max) {
        return days(field, value, byDefault, 7, max);
    }

    private static int days(String field, String value, int byDefault, int min, int max) {
        Integer given = QueryValues.integer(field, value, min, max);
        return given == null ? byDefault : given;
    }

    static Instant date(String field, String value) {
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw QueryValues.invalid(field, "must be a date YYYY-MM-DD");
        }
    }
}
