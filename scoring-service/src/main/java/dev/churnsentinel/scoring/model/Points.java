package dev.churnsentinel.scoring.model;

import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The model's points per signal, one constant per component of {@link ModelConfig} that says how many points a unit
 * of a signal is worth, with the dimension it counts in. A signal's points are its units (a percent, a count, a share)
 * times its points per unit, bounded to 0-100 ({@link RiskModel}); a fit changes these and nothing else.
 */
public enum Points {
    INTERVAL_STRETCH(Dimension.BEHAVIOUR, "pointsPerPercentIntervalStretch",
            ModelConfig::pointsPerPercentIntervalStretch, ModelConfig.Builder::pointsPerPercentIntervalStretch),
    MISSED_APPOINTMENT(Dimension.BEHAVIOUR, "pointsPerMissedAppointment",
            ModelConfig::pointsPerMissedAppointment, ModelConfig.Builder::pointsPerMissedAppointment),
    NO_OUTREACH_RESPONSE(Dimension.BEHAVIOUR, "pointsForNoOutreachResponse",
            ModelConfig::pointsForNoOutreachResponse, ModelConfig.Builder::pointsForNoOutreachResponse),
    SILENCE_RHYTHM(Dimension.BEHAVIOUR, "pointsPerSilenceRhythm",
            ModelConfig::pointsPerSilenceRhythm, ModelConfig.Builder::pointsPerSilenceRhythm),
    SPEND_DROP(Dimension.SPENDING, "pointsPerPercentSpendDrop",
            ModelConfig::pointsPerPercentSpendDrop, ModelConfig.Builder::pointsPerPercentSpendDrop),
    ADD_ON_DROP(Dimension.SPENDING, "pointsPerAddOnPointDrop",
            ModelConfig::pointsPerAddOnPointDrop, ModelConfig.Builder::pointsPerAddOnPointDrop),
    PURCHASE_DROP(Dimension.SPENDING, "pointsPerPercentPurchaseDrop",
            ModelConfig::pointsPerPercentPurchaseDrop, ModelConfig.Builder::pointsPerPercentPurchaseDrop),
    PURCHASE_GAP_STRETCH(Dimension.SPENDING, "pointsPerPercentPurchaseGapStretch",
            ModelConfig::pointsPerPercentPurchaseGapStretch, ModelConfig.Builder::pointsPerPercentPurchaseGapStretch),
    PARTICIPATION_DROP(Dimension.BEHAVIOUR, "pointsPerParticipationPointDrop",
            ModelConfig::pointsPerParticipationPointDrop, ModelConfig.Builder::pointsPerParticipationPointDrop),
    SATISFACTION_DROP(Dimension.ATTITUDE, "pointsPerSatisfactionPointDrop",
            ModelConfig::pointsPerSatisfactionPointDrop, ModelConfig.Builder::pointsPerSatisfactionPointDrop),
    LOW_SCORES_IN_ROW(Dimension.ATTITUDE, "pointsForLowScoresInRow",
            ModelConfig::pointsForLowScoresInRow, ModelConfig.Builder::pointsForLowScoresInRow),
    DETRACTOR_STEP(Dimension.ATTITUDE, "pointsPerDetractorStep",
            ModelConfig::pointsPerDetractorStep, ModelConfig.Builder::pointsPerDetractorStep),
    SENTIMENT_DROP(Dimension.ATTITUDE, "pointsPerSentimentDrop",
            ModelConfig::pointsPerSentimentDrop, ModelConfig.Builder::pointsPerSentimentDrop),
    EMOTION_INTENSITY(Dimension.ATTITUDE, "pointsPerEmotionIntensity",
            ModelConfig::pointsPerEmotionIntensity, ModelConfig.Builder::pointsPerEmotionIntensity),
    UNRESOLVED_COMPLAINT(Dimension.COMPLAINTS, "pointsPerUnresolvedComplaint",
            ModelConfig::pointsPerUnresolvedComplaint, ModelConfig.Builder::pointsPerUnresolvedComplaint),
    OPEN_COMPLAINT(Dimension.COMPLAINTS, "pointsPerOpenComplaint",
            ModelConfig::pointsPerOpenComplaint, ModelConfig.Builder::pointsPerOpenComplaint);

    /** The churn-risk model's four dimensions, each with its share of the score. */
    public enum Dimension {
        BEHAVIOUR(ModelConfig::behaviourWeight), SPENDING(ModelConfig::spendingWeight),
        ATTITUDE(ModelConfig::attitudeWeight), COMPLAINTS(ModelConfig::complaintsWeight);

        private final ToDoubleFunction<ModelConfig> weight;

        Dimension(ToDoubleFunction<ModelConfig> weight) {
            this.weight = weight;
        }

        public double weight(ModelConfig model) {
            return weight.applyAsDouble(model);
        }
    }

    private final Dimension dimension;
    private final String field;
    private final ToDoubleFunction<ModelConfig> read;
    private final BiFunction<ModelConfig.Builder, Double, ModelConfig.Builder> write;

    Points(Dimension dimension, String field, ToDoubleFunction<ModelConfig> read,
           BiFunction<ModelConfig.Builder, Double, ModelConfig.Builder> write) {
        this.dimension = dimension;
        this.field = field;
        this.read = read;
        this.write = write;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** The model document's field. */
    public String field() {
        return field;
    }

    /** Points per unit of this signal in {@code model}. */
    public double of(ModelConfig model) {
        return read.applyAsDouble(model);
    }

    /** Sets this signal's points per unit. */
    public ModelConfig.Builder set(ModelConfig.Builder builder, double points) {
        return write.apply(builder, points);
    }
}
