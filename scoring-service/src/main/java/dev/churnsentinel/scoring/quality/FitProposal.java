package dev.churnsentinel.scoring.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.churnsentinel.scoring.model.ModelConfig;

import java.util.List;

/**
 * A model fitted to the tenant's history before {@code asOf}, beside the model in force, with both backtested on the
 * window after {@code asOf}, which neither was fitted on. Nothing is changed: PUT {@code proposed} to use it (it carries
 * the version in force, so the PUT is refused if the model changed meanwhile).
 *
 * @param trainingDates the dates the samples were taken as of; each one's window ends by {@code asOf}
 * @param changes       each component the proposal changes, with both values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FitProposal(String asOf, int horizonDays, String from, List<String> trainingDates, Training training,
                          ModelConfig current, ModelConfig proposed, List<Change> changes, ModelQuality currentBacktest,
                          ModelQuality proposedBacktest) {

    /**
     * What the fit learnt from: customers as of each training date ({@code samples}), those who cancelled within the
     * horizon after, and each model's mean log loss on them (lower explains them better).
     */
    public record Training(long samples, int churned, double logLossCurrent, double logLossProposed) {
    }

    public record Change(String field, double current, double proposed) {
    }
}
