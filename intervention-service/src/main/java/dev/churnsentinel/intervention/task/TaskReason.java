package dev.churnsentinel.intervention.task;

import java.util.List;

/** Why a task exists: the score, the signals and the customer's own words that raised it. */
public record TaskReason(double riskScore, String stage, List<Signal> signals, List<String> evidence) {
    public record Signal(String code, String detail) {
    }
}
