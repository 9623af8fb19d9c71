package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.scoring.ApiExamples;
import dev.churnsentinel.scoring.model.ModelConfig;
import dev.churnsentinel.scoring.model.Points;
import dev.churnsentinel.scoring.model.RiskModel;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/scoring-model/fit}: fits the tenant's points per signal to its history before a date
 * ({@link ModelFit}) and backtests the model in force and the proposal on the window after it. Changes nothing.
 */
@Tag(name = "Scoring model")
@Path("/api/v1/scoring-model/fit")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ModelFitResource {
    /** Days between training dates. */
    static final int TRAINING_STEP_DAYS = 30;
    static final int DEFAULT_TRAINING_DAYS = 365;

    /** The fit's request; every field may be left out. */
    public record FitRequest(
            @Schema(description = "YYYY-MM-DD: fit on what happened before it, backtest on the horizon after it "
                    + "(default: horizonDays before today)") String asOf,
            @Schema(description = "days after each date in which a cancellation counts (7-365, default 90)") Integer horizonDays,
            @Schema(description = "YYYY-MM-DD: the first training date (default: a year before asOf); at least "
                    + "horizonDays before asOf") String from) {
    }

    private final Backtests backtests;
    private final SecurityIdentity identity;

    public ModelFitResource(Backtests backtests, SecurityIdentity identity) {
        this.backtests = backtests;
        this.identity = identity;
    }

    @APIResponse(responseCode = "200", description = "the proposal beside the model in force, both backtested after asOf",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.FIT, parseValue = true))
    @APIResponse(responseCode = "400", description = "a field is malformed or out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @APIResponse(responseCode = "409", description = "the tenant's model is the VoC health preset, which has no points to fit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @APIResponse(responseCode = "422", description = "too little history to fit or to backtest; the detail says how much is needed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "tooLittle", value = ApiExamples.TOO_LITTLE_TO_FIT)))
    @POST
    @Blocking
    @Operation(operationId = "fitScoringModel", summary = "Propose points per signal fitted to the tenant's history",
            description = "Takes every customer as of each 30th day from `from` while the horizon after it ends by asOf, "
                    + "and fits the churn-risk model's points per signal (not the dimensions' weights, floors or phrases) "
                    + "to who cancelled within horizonDays: a logistic regression of cancelling on the model's score, "
                    + "points kept at 0 or more and drawn towards the model in force, so a small history changes little. "
                    + "The tier cuts move to the fitted scores with the same odds of cancelling. Then both models are "
                    + "backtested as of asOf, on the window neither was fitted on. Nothing changes until an admin PUTs "
                    + "`proposed` to /api/v1/scoring-model.")
    public FitProposal fit(@RequestBody(content = @Content(schema = @Schema(implementation = FitRequest.class),
            examples = @ExampleObject(name = "fit", value = ApiExamples.FIT_REQUEST))) FitRequest request) {
        FitRequest given = request == null ? new FitRequest(null, null, null) : request;
        String tenant = Tenants.of(identity);
        int horizon = given.horizonDays() == null ? ModelQualityResource.DEFAULT_HORIZON
                : ModelQualityResource.days("horizonDays", given.horizonDays().toString(), 0, 365);
        Instant asOf = given.asOf() == null
                ? LocalDate.now(ZoneOffset.UTC).minusDays(horizon).atStartOfDay(ZoneOffset.UTC).toInstant()
                : ModelQualityResource.date("asOf", given.asOf());
        if (asOf.isAfter(Instant.now())) {
            throw QueryValues.invalid("asOf", "must not be in the future");
        }
        Instant lastTraining = asOf.minus(Duration.ofDays(horizon));
        Instant from = given.from() == null ? asOf.minus(Duration.ofDays(DEFAULT_TRAINING_DAYS))
                : ModelQualityResource.date("from", given.from());
        if (from.isAfter(lastTraining)) {
            throw QueryValues.invalid("from", "must be at least horizonDays (" + horizon + ") before asOf, so the "
                    + "window after it ends before the backtest's");
        }
        List<Instant> dates = new ArrayList<>();
        for (Instant date = from; !date.isAfter(lastTraining); date = date.plus(Duration.ofDays(TRAINING_STEP_DAYS))) {
            dates.add(date);
        }

        ModelConfig current = backtests.model(tenant, null);
        if (!ModelConfig.CHURN_RISK.equals(current.name())) {
            throw new ProblemException(409, "Conflict", "the tenant's model is " + current.name() + "; a fit works on "
                    + "the " + ModelConfig.CHURN_RISK + " model's points per signal (PUT a " + ModelConfig.CHURN_RISK
                    + " model first)");
        }
        ModelFit fit = new ModelFit(current, dates.size());
        RiskModel currentModel = new RiskModel(current);
        Backtest training = backtests.backtest(current, dates, horizon, ModelQualityResource.DEFAULT_LOOK_BACK)
                .listener((id, at, signals, assessment, churned) ->
                        fit.add(currentModel.units(signals, at), assessment, churned));
        Backtest before = backtests.backtest(current, List.of(asOf), horizon, ModelQualityResource.DEFAULT_LOOK_BACK);
        backtests.read(tenant, training, before);
        if (fit.churners() < ModelFit.MIN_CHURNERS) {
            throw ModelQualityResource.tooLittleHistory(String.format(java.util.Locale.ROOT, "a fit needs at least %d "
                            + "cancellations within %d days after its training dates (%s to %s, every %d days); found %d "
                            + "among %d customers as of those dates", ModelFit.MIN_CHURNERS, horizon, from, lastTraining,
                    TRAINING_STEP_DAYS, fit.churners(), fit.samples()) + backtests.historyStart(tenant));
        }
        ModelQuality currentBacktest = backtested(tenant, before, current);
        ModelFit.Fitted fitted = fit.fit();
        ModelConfig proposed = fitted.proposed();
        Backtest after = backtests.backtest(proposed, List.of(asOf), horizon, ModelQualityResource.DEFAULT_LOOK_BACK);
        backtests.read(tenant, after);
        return new FitProposal(asOf.toString(), horizon, from.toString(), dates.stream().map(Instant::toString).toList(),
                new FitProposal.Training(fit.samples(), fit.churners(), Stats.round(fitted.logLossCurrent(), 4),
                        Stats.round(fitted.logLossProposed(), 4)),
                current, proposed, changes(current, proposed), currentBacktest, backtested(tenant, after, proposed));
    }

    private ModelQuality backtested(String tenant, Backtest backtest, ModelConfig model) {
        Backtest.Result result = backtest.results(model.version(), ModelQualityResource.DEFAULT_LOOK_BACK, Instant.now()).get(0);
        if (result.quality() == null) {
            throw ModelQualityResource.tooLittleHistory("the fit's backtest after asOf: " + result.tooLittleHistory()
                    + backtests.historyStart(tenant));
        }
        return result.quality();
    }

    private static List<FitProposal.Change> changes(ModelConfig current, ModelConfig proposed) {
        List<FitProposal.Change> changes = new ArrayList<>();
        for (Points p : Points.values()) {
            if (p.of(current) != p.of(proposed)) {
                changes.add(new FitProposal.Change(p.field(), p.of(current), p.of(proposed)));
            }
        }
        addIfChanged(changes, "yellowFrom", current.yellowFrom(), proposed.yellowFrom());
        addIfChanged(changes, "orangeFrom", current.orangeFrom(), proposed.orangeFrom());
        addIfChanged(changes, "redFrom", current.redFrom(), proposed.redFrom());
        return changes;
    }

    private static void addIfChanged(List<FitProposal.Change> changes, String field, double current, double proposed) {
        if (current != proposed) {
            changes.add(new FitProposal.Change(field, current, proposed));
        }
    }
}
