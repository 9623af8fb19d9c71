package dev.churnsentinel.scoring.model;

import dev.churnsentinel.platform.problem.Problem.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What makes a scoring model usable; every problem is named by its field. */
public final class ModelRules {
    private static final double EPSILON = 0.001;

    private ModelRules() {
    }

    public static List<FieldError> problems(ModelConfig m) {
        List<FieldError> errors = new ArrayList<>();
        if (!Set.of(ModelConfig.CHURN_RISK, ModelConfig.VOC_HEALTH).contains(m.name())) {
            errors.add(new FieldError("name", "must be " + ModelConfig.CHURN_RISK + " or " + ModelConfig.VOC_HEALTH));
        }
        if (ModelConfig.VOC_HEALTH.equals(m.name())) {
            weights(errors, "vocNpsWeight, vocInteractionWeight and vocResolutionWeight",
                    m.vocNpsWeight(), m.vocInteractionWeight(), m.vocResolutionWeight());
            nonNegative(errors, "vocNegativeWordsWeight", m.vocNegativeWordsWeight());
            if (!(0 < m.yellowFrom() && m.yellowFrom() < m.redFrom() && m.redFrom() <= 100 && m.orangeFrom() == m.redFrom())) {
                errors.add(new FieldError("yellowFrom", "VoC health tiers need 0 < yellowFrom < redFrom <= 100 and "
                        + "orangeFrom = redFrom (green, yellow, red)"));
            }
        } else {
            weights(errors, "behaviourWeight, spendingWeight, attitudeWeight and complaintsWeight",
                    m.behaviourWeight(), m.spendingWeight(), m.attitudeWeight(), m.complaintsWeight());
            if (!(0 < m.yellowFrom() && m.yellowFrom() < m.orangeFrom() && m.orangeFrom() < m.redFrom() && m.redFrom() <= 100)) {
                errors.add(new FieldError("yellowFrom", "tiers need 0 < yellowFrom < orangeFrom < redFrom <= 100"));
            }
        }
        for (Points points : Points.values()) {
            nonNegative(errors, points.field(), points.of(m));
        }
        atLeast(errors, "floorLowScoresInRow", m.floorLowScoresInRow(), 1);
        atLeast(errors, "floorMissedAppointmentsInRow", m.floorMissedAppointmentsInRow(), 1);
        atLeast(errors, "floorDeclinesInRow", m.floorDeclinesInRow(), 1);
        if (!(m.floorSentimentDrop() > 0 && m.floorSentimentDrop() <= 2)) {
            errors.add(new FieldError("floorSentimentDrop", "must be above 0 and at most 2 (polarity runs from -1 to 1)"));
        }
        if (m.floorSilenceRhythms() < 1) {
            errors.add(new FieldError("floorSilenceRhythms", "must be at least 1 (one usual gap)"));
        }
        if (m.npsDetractorMax() < 0 || m.npsDetractorMax() > 10) {
            errors.add(new FieldError("npsDetractorMax", "must be between 0 and 10"));
        }
        atLeast(errors, "riskEvidenceDays", m.riskEvidenceDays(), 1);
        if (m.recoveryMargin() < 0 || m.recoveryMargin() > 50) {
            errors.add(new FieldError("recoveryMargin", "must be between 0 and 50 points"));
        }
        atLeast(errors, "alertCooldownDays", m.alertCooldownDays(), 0);
        return errors;
    }

    private static void weights(List<FieldError> errors, String names, double... weights) {
        double sum = 0;
        for (double w : weights) {
            if (w < 0) {
                errors.add(new FieldError(names.split(",| and ")[0].trim(), "weights must not be negative"));
                return;
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > EPSILON) {
            errors.add(new FieldError(names.split(",| and ")[0].trim(), names + " must add up to 1 (they add up to " + sum + ")"));
        }
    }

    private static void nonNegative(List<FieldError> errors, String field, double value) {
        if (value < 0 || Double.isNaN(value)) {
            errors.add(new FieldError(field, "must not be negative"));
        }
    }

    private static void atLeast(List<FieldError> errors, String field, int value, int min) {
        if (value < min) {
            errors.add(new FieldError(field, "must be at least " + min));
        }
    }
}
