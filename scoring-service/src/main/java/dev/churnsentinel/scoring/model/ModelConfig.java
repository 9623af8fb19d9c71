package dev.churnsentinel.scoring.model;

/**
 * The churn-risk model's numbers: weights of the four dimensions, tier thresholds, how many points each
 * signal is worth, and which floors apply. Defaults reproduce DOMAIN.md's worked example (≈75, ORANGE).
 *
 * <p>{@code pointsPerPercentPurchaseGapStretch} and {@code pointsPerParticipationPointDrop} came with model documents of
 * 2026-11: a document stored or sent without them takes the defaults' values ({@link #ADDED_LATER}).
 *
 * <p>{@code riskEvidenceDays}: how long a high-risk phrase keeps the customer RED (it must be said again to stay);
 * {@code recoveryMargin}: points a score must fall below a tier's threshold before a recovery is announced
 * (hysteresis); {@code alertCooldownDays}: a tier already alerted is not alerted again within this time.
 */
public record ModelConfig(String name, int version,
                          double behaviourWeight, double spendingWeight, double attitudeWeight, double complaintsWeight,
                          double yellowFrom, double orangeFrom, double redFrom,
                          double pointsPerPercentIntervalStretch, double pointsPerMissedAppointment,
                          double pointsForNoOutreachResponse, double pointsPerSilenceRhythm,
                          double pointsPerPercentSpendDrop, double pointsPerAddOnPointDrop,
                          double pointsPerPercentPurchaseDrop, double pointsPerPercentPurchaseGapStretch,
                          double pointsPerParticipationPointDrop,
                          double pointsPerSatisfactionPointDrop, double pointsForLowScoresInRow,
                          double pointsPerDetractorStep, double pointsPerSentimentDrop, double pointsPerEmotionIntensity,
                          double pointsPerUnresolvedComplaint, double pointsPerOpenComplaint,
                          int floorLowScoresInRow, int floorMissedAppointmentsInRow, int floorDeclinesInRow,
                          double floorSentimentDrop, double floorSilenceRhythms, int npsDetractorMax,
                          int riskEvidenceDays, double recoveryMargin, int alertCooldownDays,
                          double vocNpsWeight, double vocInteractionWeight, double vocResolutionWeight,
                          double vocNegativeWordsWeight) {

    /** The default churn-risk model: behaviour 40, spending 30, attitude 20, complaints 10; tiers at 60/75/90. */
    public static final String CHURN_RISK = "churn-risk";
    /**
     * The VoC health preset: health = NPS × w1 + interaction frequency × w2 + ticket resolution rate × w3 − negative
     * sensitive words × w4 (each 0-100); risk = 100 − health; green / yellow / red (no orange: orangeFrom = redFrom).
     */
    public static final String VOC_HEALTH = "voc-health";

    /** Components a document written before them may lack; they take the defaults' values. */
    public static final java.util.Set<String> ADDED_LATER = java.util.Set.of("pointsPerPercentPurchaseGapStretch",
            "pointsPerParticipationPointDrop");

    public static ModelConfig defaults() {
        return new ModelConfig("churn-risk", 1,
                0.4, 0.3, 0.2, 0.1,
                60, 75, 90,
                1.3, 35,
                60, 50,
                1.25, 100,
                1.0, 1.0,
                60,
                30, 60,
                12, 50, 40,
                100, 50,
                2, 2, 2,
                0.8, 2.0, 6,
                90, 5, 7,
                0.4, 0.3, 0.3, 0.5);
    }

    /** The VoC health preset with its usual weights: healthy from 60, red below 30. */
    public static ModelConfig vocHealth() {
        ModelConfig d = defaults();
        return new ModelConfig(VOC_HEALTH, 1, d.behaviourWeight, d.spendingWeight, d.attitudeWeight, d.complaintsWeight,
                40, 70, 70,
                d.pointsPerPercentIntervalStretch, d.pointsPerMissedAppointment, d.pointsForNoOutreachResponse,
                d.pointsPerSilenceRhythm, d.pointsPerPercentSpendDrop, d.pointsPerAddOnPointDrop, d.pointsPerPercentPurchaseDrop,
                d.pointsPerPercentPurchaseGapStretch, d.pointsPerParticipationPointDrop, d.pointsPerSatisfactionPointDrop,
                d.pointsForLowScoresInRow, d.pointsPerDetractorStep, d.pointsPerSentimentDrop, d.pointsPerEmotionIntensity,
                d.pointsPerUnresolvedComplaint, d.pointsPerOpenComplaint,
                d.floorLowScoresInRow, d.floorMissedAppointmentsInRow, d.floorDeclinesInRow, d.floorSentimentDrop,
                d.floorSilenceRhythms, d.npsDetractorMax, d.riskEvidenceDays, d.recoveryMargin, d.alertCooldownDays,
                d.vocNpsWeight, d.vocInteractionWeight, d.vocResolutionWeight, d.vocNegativeWordsWeight);
    }

    public ModelConfig withVersion(int newVersion) {
        return new ModelConfig(name, newVersion, behaviourWeight, spendingWeight, attitudeWeight, complaintsWeight,
                yellowFrom, orangeFrom, redFrom, pointsPerPercentIntervalStretch, pointsPerMissedAppointment,
                pointsForNoOutreachResponse, pointsPerSilenceRhythm, pointsPerPercentSpendDrop, pointsPerAddOnPointDrop,
                pointsPerPercentPurchaseDrop, pointsPerPercentPurchaseGapStretch, pointsPerParticipationPointDrop,
                pointsPerSatisfactionPointDrop, pointsForLowScoresInRow, pointsPerDetractorStep,
                pointsPerSentimentDrop, pointsPerEmotionIntensity, pointsPerUnresolvedComplaint, pointsPerOpenComplaint,
                floorLowScoresInRow, floorMissedAppointmentsInRow, floorDeclinesInRow, floorSentimentDrop, floorSilenceRhythms,
                npsDetractorMax, riskEvidenceDays, recoveryMargin, alertCooldownDays,
                vocNpsWeight, vocInteractionWeight, vocResolutionWeight, vocNegativeWordsWeight);
    }

    public Tier tierOf(double score) {
        return score >= redFrom ? Tier.RED : score >= orangeFrom ? Tier.ORANGE : score >= yellowFrom ? Tier.YELLOW : Tier.GREEN;
    }

    /** The lowest score of a tier, so a floor lifts the score into the tier it imposes. */
    public double lowestScoreOf(Tier tier) {
        return switch (tier) {
            case GREEN -> 0;
            case YELLOW -> yellowFrom;
            case ORANGE -> orangeFrom;
            case RED -> redFrom;
        };
    }
}
