package dev.churnsentinel.scoring.model;

/**
 * The churn-risk model's numbers: weights of the four dimensions, tier thresholds, how many points each
 * signal is worth, and which floors apply. Defaults reproduce DOMAIN.md's worked example (≈75, ORANGE).
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
                          double pointsPerPercentPurchaseDrop,
                          double pointsPerSatisfactionPointDrop, double pointsForLowScoresInRow,
                          double pointsPerDetractorStep, double pointsPerSentimentDrop, double pointsPerEmotionIntensity,
                          double pointsPerUnresolvedComplaint, double pointsPerOpenComplaint,
                          int floorLowScoresInRow, int floorMissedAppointmentsInRow, int floorDeclinesInRow,
                          double floorSentimentDrop, double floorSilenceRhythms, int npsDetractorMax,
                          int riskEvidenceDays, double recoveryMargin, int alertCooldownDays) {

    public static ModelConfig defaults() {
        return new ModelConfig("churn-risk", 1,
                0.4, 0.3, 0.2, 0.1,
                60, 75, 90,
                1.3, 35,
                60, 50,
                1.25, 100,
                1.0,
                30, 60,
                12, 50, 40,
                100, 50,
                2, 2, 2,
                0.8, 2.0, 6,
                90, 5, 7);
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
