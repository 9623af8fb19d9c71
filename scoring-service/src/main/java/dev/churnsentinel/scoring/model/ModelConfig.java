package dev.churnsentinel.scoring.model;

/**
 * The churn-risk model's numbers: weights of the four dimensions, tier thresholds, how many points each
 * signal is worth, and which floors apply. Defaults reproduce the worked example of docs/domain.md §3 (≈75,
 * ORANGE). Built by name ({@link #builder()}, {@link #toBuilder()}); the model API's document holds the same names.
 *
 * <p>A dimension's points run 0-100: its signals' points, each bounded to 0-100, combine as independent evidence
 * ({@link RiskModel}). A score is 0-100 too. Shares (acceptance, participation) run 0-1; satisfaction 1-10, NPS 0-10,
 * tone (polarity) -1 to 1, an emotion's intensity 0-1.
 *
 * <p>{@code pointsPerPercentPurchaseGapStretch} and {@code pointsPerParticipationPointDrop} came with model documents of
 * 2026-11: a document stored or sent without them takes the defaults' values ({@link #ADDED_LATER}).
 *
 * @param name                               {@link #CHURN_RISK} or {@link #VOC_HEALTH}: which dimensions score
 * @param version                            the document's version, one up with each replacement
 * @param behaviourWeight                    the behaviour dimension's share of the score (0-1; the four add up to 1)
 * @param spendingWeight                     the spending dimension's share of the score (0-1)
 * @param attitudeWeight                     the attitude dimension's share of the score (0-1)
 * @param complaintsWeight                   the complaints dimension's share of the score (0-1)
 * @param yellowFrom                         the lowest score (points, 0-100) of YELLOW
 * @param orangeFrom                         the lowest score (points) of ORANGE
 * @param redFrom                            the lowest score (points) of RED
 * @param pointsPerPercentIntervalStretch    behaviour points per percent the gap between visits grew over its usual
 * @param pointsPerMissedAppointment         behaviour points per appointment missed in a row
 * @param pointsForNoOutreachResponse        behaviour points for outreaches all unanswered, times the share unanswered
 *                                           (counted from three outreaches, when fewer than half were answered)
 * @param pointsPerSilenceRhythm             behaviour points per usual gap between interactions of silence beyond the
 *                                           first (counted once silent for one and a half usual gaps)
 * @param pointsPerPercentSpendDrop          spending points per percent the spend per visit fell below its usual
 * @param pointsPerAddOnPointDrop            spending points per fall of 1 in the add-on acceptance share (0-1)
 * @param pointsPerPercentPurchaseDrop       spending points per percent the amount per purchase fell below its usual
 * @param pointsPerPercentPurchaseGapStretch spending points per percent the gap between purchases grew over its usual
 * @param pointsPerParticipationPointDrop    behaviour points per fall of 1 in the campaign participation share (0-1)
 * @param pointsPerSatisfactionPointDrop     attitude points per point satisfaction (1-10) fell below its usual
 * @param pointsForLowScoresInRow            attitude points for {@code floorLowScoresInRow} low satisfaction scores in
 *                                           a row
 * @param pointsPerDetractorStep             attitude points per NPS point at or below {@code npsDetractorMax} (NPS
 *                                           {@code npsDetractorMax} is one step)
 * @param pointsPerSentimentDrop             attitude points per unit the tone (polarity, -1 to 1) fell below its usual,
 *                                           or, with no usual yet, per unit it is below 0
 * @param pointsPerEmotionIntensity          attitude points per unit of the strongest negative emotion's intensity (0-1)
 * @param pointsPerUnresolvedComplaint       complaints points per complaint not resolved to the customer's satisfaction
 * @param pointsPerOpenComplaint             complaints points per complaint still open
 * @param floorLowScoresInRow                low satisfaction scores in a row (a count) that make the customer at least
 *                                           YELLOW
 * @param floorMissedAppointmentsInRow       missed appointments in a row (a count) that make the customer at least
 *                                           YELLOW
 * @param floorDeclinesInRow                 satisfaction falls in a row (a count) that make the customer at least YELLOW
 * @param floorSentimentDrop                 a fall of the tone (polarity units, 0-2) that makes the customer at least
 *                                           YELLOW
 * @param floorSilenceRhythms                silence, in the customer's usual gaps between interactions, that makes the
 *                                           customer at least YELLOW
 * @param npsDetractorMax                    the highest NPS (0-10) of a detractor, who is at least YELLOW
 * @param riskEvidenceDays                   how long (days) a high-risk phrase keeps the customer RED (it must be said
 *                                           again to stay)
 * @param recoveryMargin                     points a score must fall below a tier's threshold before a recovery is
 *                                           announced (hysteresis)
 * @param alertCooldownDays                  a tier already alerted is not alerted again within this many days
 * @param vocNpsWeight                       the VoC health preset's share (0-1) of NPS
 * @param vocInteractionWeight               the VoC health preset's share (0-1) of interaction frequency
 * @param vocResolutionWeight                the VoC health preset's share (0-1) of the ticket resolution rate
 * @param vocNegativeWordsWeight             the VoC health preset's weight of the negative sensitive words said (not a
 *                                           share: it is subtracted)
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
        return builder().name(CHURN_RISK).version(1)
                .behaviourWeight(0.4).spendingWeight(0.3).attitudeWeight(0.2).complaintsWeight(0.1)
                .yellowFrom(60).orangeFrom(75).redFrom(90)
                .pointsPerPercentIntervalStretch(1.3).pointsPerMissedAppointment(35)
                .pointsForNoOutreachResponse(60).pointsPerSilenceRhythm(50)
                .pointsPerPercentSpendDrop(1.25).pointsPerAddOnPointDrop(100)
                .pointsPerPercentPurchaseDrop(1.0).pointsPerPercentPurchaseGapStretch(1.0)
                .pointsPerParticipationPointDrop(60)
                .pointsPerSatisfactionPointDrop(30).pointsForLowScoresInRow(60)
                .pointsPerDetractorStep(12).pointsPerSentimentDrop(50).pointsPerEmotionIntensity(40)
                .pointsPerUnresolvedComplaint(100).pointsPerOpenComplaint(50)
                .floorLowScoresInRow(2).floorMissedAppointmentsInRow(2).floorDeclinesInRow(2)
                .floorSentimentDrop(0.8).floorSilenceRhythms(2.0).npsDetractorMax(6)
                .riskEvidenceDays(90).recoveryMargin(5).alertCooldownDays(7)
                .vocNpsWeight(0.4).vocInteractionWeight(0.3).vocResolutionWeight(0.3).vocNegativeWordsWeight(0.5)
                .build();
    }

    /** The VoC health preset with its usual weights: healthy from 60, red below 30. */
    public static ModelConfig vocHealth() {
        return defaults().toBuilder().name(VOC_HEALTH).yellowFrom(40).orangeFrom(70).redFrom(70).build();
    }

    public ModelConfig withVersion(int newVersion) {
        return toBuilder().version(newVersion).build();
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

    /** A model with every number unset (0, name null): set each by name. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this model's numbers, to change some by name. */
    public Builder toBuilder() {
        return new Builder().name(name).version(version)
                .behaviourWeight(behaviourWeight).spendingWeight(spendingWeight).attitudeWeight(attitudeWeight)
                .complaintsWeight(complaintsWeight)
                .yellowFrom(yellowFrom).orangeFrom(orangeFrom).redFrom(redFrom)
                .pointsPerPercentIntervalStretch(pointsPerPercentIntervalStretch)
                .pointsPerMissedAppointment(pointsPerMissedAppointment)
                .pointsForNoOutreachResponse(pointsForNoOutreachResponse).pointsPerSilenceRhythm(pointsPerSilenceRhythm)
                .pointsPerPercentSpendDrop(pointsPerPercentSpendDrop).pointsPerAddOnPointDrop(pointsPerAddOnPointDrop)
                .pointsPerPercentPurchaseDrop(pointsPerPercentPurchaseDrop)
                .pointsPerPercentPurchaseGapStretch(pointsPerPercentPurchaseGapStretch)
                .pointsPerParticipationPointDrop(pointsPerParticipationPointDrop)
                .pointsPerSatisfactionPointDrop(pointsPerSatisfactionPointDrop)
                .pointsForLowScoresInRow(pointsForLowScoresInRow).pointsPerDetractorStep(pointsPerDetractorStep)
                .pointsPerSentimentDrop(pointsPerSentimentDrop).pointsPerEmotionIntensity(pointsPerEmotionIntensity)
                .pointsPerUnresolvedComplaint(pointsPerUnresolvedComplaint).pointsPerOpenComplaint(pointsPerOpenComplaint)
                .floorLowScoresInRow(floorLowScoresInRow).floorMissedAppointmentsInRow(floorMissedAppointmentsInRow)
                .floorDeclinesInRow(floorDeclinesInRow).floorSentimentDrop(floorSentimentDrop)
                .floorSilenceRhythms(floorSilenceRhythms).npsDetractorMax(npsDetractorMax)
                .riskEvidenceDays(riskEvidenceDays).recoveryMargin(recoveryMargin).alertCooldownDays(alertCooldownDays)
                .vocNpsWeight(vocNpsWeight).vocInteractionWeight(vocInteractionWeight)
                .vocResolutionWeight(vocResolutionWeight).vocNegativeWordsWeight(vocNegativeWordsWeight);
    }

    /** Sets a model's numbers by name; each means what the record's component of that name means. */
    public static final class Builder {
        private String name;
        private int version;
        private double behaviourWeight, spendingWeight, attitudeWeight, complaintsWeight;
        private double yellowFrom, orangeFrom, redFrom;
        private double pointsPerPercentIntervalStretch, pointsPerMissedAppointment, pointsForNoOutreachResponse,
                pointsPerSilenceRhythm;
        private double pointsPerPercentSpendDrop, pointsPerAddOnPointDrop, pointsPerPercentPurchaseDrop,
                pointsPerPercentPurchaseGapStretch, pointsPerParticipationPointDrop;
        private double pointsPerSatisfactionPointDrop, pointsForLowScoresInRow, pointsPerDetractorStep,
                pointsPerSentimentDrop, pointsPerEmotionIntensity;
        private double pointsPerUnresolvedComplaint, pointsPerOpenComplaint;
        private int floorLowScoresInRow, floorMissedAppointmentsInRow, floorDeclinesInRow;
        private double floorSentimentDrop, floorSilenceRhythms;
        private int npsDetractorMax, riskEvidenceDays;
        private double recoveryMargin;
        private int alertCooldownDays;
        private double vocNpsWeight, vocInteractionWeight, vocResolutionWeight, vocNegativeWordsWeight;

        private Builder() {
        }

        public Builder name(String value) { name = value; return this; }
        public Builder version(int value) { version = value; return this; }
        public Builder behaviourWeight(double value) { behaviourWeight = value; return this; }
        public Builder spendingWeight(double value) { spendingWeight = value; return this; }
        public Builder attitudeWeight(double value) { attitudeWeight = value; return this; }
        public Builder complaintsWeight(double value) { complaintsWeight = value; return this; }
        public Builder yellowFrom(double value) { yellowFrom = value; return this; }
        public Builder orangeFrom(double value) { orangeFrom = value; return this; }
        public Builder redFrom(double value) { redFrom = value; return this; }
        public Builder pointsPerPercentIntervalStretch(double value) { pointsPerPercentIntervalStretch = value; return this; }
        public Builder pointsPerMissedAppointment(double value) { pointsPerMissedAppointment = value; return this; }
        public Builder pointsForNoOutreachResponse(double value) { pointsForNoOutreachResponse = value; return this; }
        public Builder pointsPerSilenceRhythm(double value) { pointsPerSilenceRhythm = value; return this; }
        public Builder pointsPerPercentSpendDrop(double value) { pointsPerPercentSpendDrop = value; return this; }
        public Builder pointsPerAddOnPointDrop(double value) { pointsPerAddOnPointDrop = value; return this; }
        public Builder pointsPerPercentPurchaseDrop(double value) { pointsPerPercentPurchaseDrop = value; return this; }
        public Builder pointsPerPercentPurchaseGapStretch(double value) { pointsPerPercentPurchaseGapStretch = value; return this; }
        public Builder pointsPerParticipationPointDrop(double value) { pointsPerParticipationPointDrop = value; return this; }
        public Builder pointsPerSatisfactionPointDrop(double value) { pointsPerSatisfactionPointDrop = value; return this; }
        public Builder pointsForLowScoresInRow(double value) { pointsForLowScoresInRow = value; return this; }
        public Builder pointsPerDetractorStep(double value) { pointsPerDetractorStep = value; return this; }
        public Builder pointsPerSentimentDrop(double value) { pointsPerSentimentDrop = value; return this; }
        public Builder pointsPerEmotionIntensity(double value) { pointsPerEmotionIntensity = value; return this; }
        public Builder pointsPerUnresolvedComplaint(double value) { pointsPerUnresolvedComplaint = value; return this; }
        public Builder pointsPerOpenComplaint(double value) { pointsPerOpenComplaint = value; return this; }
        public Builder floorLowScoresInRow(int value) { floorLowScoresInRow = value; return this; }
        public Builder floorMissedAppointmentsInRow(int value) { floorMissedAppointmentsInRow = value; return this; }
        public Builder floorDeclinesInRow(int value) { floorDeclinesInRow = value; return this; }
        public Builder floorSentimentDrop(double value) { floorSentimentDrop = value; return this; }
        public Builder floorSilenceRhythms(double value) { floorSilenceRhythms = value; return this; }
        public Builder npsDetractorMax(int value) { npsDetractorMax = value; return this; }
        public Builder riskEvidenceDays(int value) { riskEvidenceDays = value; return this; }
        public Builder recoveryMargin(double value) { recoveryMargin = value; return this; }
        public Builder alertCooldownDays(int value) { alertCooldownDays = value; return this; }
        public Builder vocNpsWeight(double value) { vocNpsWeight = value; return this; }
        public Builder vocInteractionWeight(double value) { vocInteractionWeight = value; return this; }
        public Builder vocResolutionWeight(double value) { vocResolutionWeight = value; return this; }
        public Builder vocNegativeWordsWeight(double value) { vocNegativeWordsWeight = value; return this; }

        /** The model; the one place the numbers are passed in the record's order. */
        public ModelConfig build() {
            return new ModelConfig(name, version, behaviourWeight, spendingWeight, attitudeWeight, complaintsWeight,
                    yellowFrom, orangeFrom, redFrom, pointsPerPercentIntervalStretch, pointsPerMissedAppointment,
                    pointsForNoOutreachResponse, pointsPerSilenceRhythm, pointsPerPercentSpendDrop, pointsPerAddOnPointDrop,
                    pointsPerPercentPurchaseDrop, pointsPerPercentPurchaseGapStretch, pointsPerParticipationPointDrop,
                    pointsPerSatisfactionPointDrop, pointsForLowScoresInRow, pointsPerDetractorStep,
                    pointsPerSentimentDrop, pointsPerEmotionIntensity, pointsPerUnresolvedComplaint, pointsPerOpenComplaint,
                    floorLowScoresInRow, floorMissedAppointmentsInRow, floorDeclinesInRow, floorSentimentDrop,
                    floorSilenceRhythms, npsDetractorMax, riskEvidenceDays, recoveryMargin, alertCooldownDays,
                    vocNpsWeight, vocInteractionWeight, vocResolutionWeight, vocNegativeWordsWeight);
        }
    }
}
