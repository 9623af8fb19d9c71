package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.scoring.model.Tier;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the alarms of each tier ended, as intervention's managers recorded it: the tasks resolved within a backtest's
 * window, per tier, and how many were false alarms. An exit survey is not an alarm (it follows a churn already counted)
 * and is left out. Plain Java: the resource reads the resolved tasks ({@link TaskOutcomeLog}) and the backtest counts.
 */
public final class AlarmOutcomes {
    static final String EXIT_SURVEY = "EXIT_SURVEY";

    /** A resolved task: the tier it was for, its kind, its outcome and when it was resolved. */
    public record Resolved(String tier, String kind, String outcome, Instant resolvedAt) {
    }

    private AlarmOutcomes() {
    }

    /**
     * The tasks resolved after {@code from} and up to {@code to} ({@code (from, to]}, as the backtest's window), per tier
     * GREEN to RED; a tier without any has zeros and no share.
     */
    public static Map<String, ModelQuality.TaskOutcomes> count(List<Resolved> tasks, Instant from, Instant to) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            counts.put(tier.name(), new int[5]);
        }
        for (Resolved task : tasks) {
            int[] tier = counts.get(task.tier());
            if (tier == null || EXIT_SURVEY.equals(task.kind()) || !task.resolvedAt().isAfter(from)
                    || task.resolvedAt().isAfter(to)) {
                continue;
            }
            tier[0]++;
            switch (task.outcome()) {
                case "FALSE_ALARM" -> tier[1]++;
                case "RETAINED" -> tier[2]++;
                case "CHURNED" -> tier[3]++;
                case "PASSIVE_CHURN" -> tier[4]++;
                default -> { } // an outcome added later: resolved, in none of the columns
            }
        }
        Map<String, ModelQuality.TaskOutcomes> byTier = new LinkedHashMap<>();
        counts.forEach((tier, c) -> byTier.put(tier, new ModelQuality.TaskOutcomes(c[0], c[1], c[2], c[3], c[4],
                c[0] == 0 ? null : Stats.round((double) c[1] / c[0], 4))));
        return byTier;
    }
}
