package dev.churnsentinel.scoring.model;

import dev.churnsentinel.platform.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelRulesTest {
    @Test
    void bothPresetsAreValid() {
        assertEquals(List.of(), ModelRules.problems(ModelConfig.defaults()));
        assertEquals(List.of(), ModelRules.problems(ModelConfig.vocHealth()));
    }

    @Test
    void weightsMustAddUpToOneAndTiersMustBeInOrder() {
        ModelConfig d = ModelConfig.defaults();
        ModelConfig broken = new ModelConfig("churn-risk", 1, 0.5, 0.3, 0.2, 0.1, 80, 75, 90,
                d.pointsPerPercentIntervalStretch(), -1, d.pointsForNoOutreachResponse(), d.pointsPerSilenceRhythm(),
                d.pointsPerPercentSpendDrop(), d.pointsPerAddOnPointDrop(), d.pointsPerPercentPurchaseDrop(),
                d.pointsPerPercentPurchaseGapStretch(), d.pointsPerParticipationPointDrop(), d.pointsPerSatisfactionPointDrop(),
                d.pointsForLowScoresInRow(), d.pointsPerDetractorStep(),
                d.pointsPerSentimentDrop(), d.pointsPerEmotionIntensity(), d.pointsPerUnresolvedComplaint(),
                d.pointsPerOpenComplaint(), d.floorLowScoresInRow(), 0, d.floorDeclinesInRow(), d.floorSentimentDrop(),
                d.floorSilenceRhythms(), 11, d.riskEvidenceDays(), d.recoveryMargin(), d.alertCooldownDays(),
                d.vocNpsWeight(), d.vocInteractionWeight(), d.vocResolutionWeight(), d.vocNegativeWordsWeight());
        assertEquals(List.of("behaviourWeight", "yellowFrom", "pointsPerMissedAppointment", "floorMissedAppointmentsInRow",
                "npsDetractorMax"), ModelRules.problems(broken).stream().map(FieldError::field).toList());
    }
}
