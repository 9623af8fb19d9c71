package dev.churnsentinel.scoring.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Which tier changes are announced to intervention, so managers get one message per real change and never a
 * flood (docs/domain.md §4, "What is announced": hysteresis).
 * <ul>
 *   <li>Entering a worse tier than the one last announced is an ALERT — unless that tier (or a worse one) was already
 *   alerted within the cool-down: then nothing is said, and the open task still covers it.</li>
 *   <li>A better tier is a RECOVERY only when the score is {@code recoveryMargin} points clear of the announced tier's
 *   threshold (a customer hovering at 59-61 is not announced back and forth).</li>
 * </ul>
 */
public final class AlertPolicy {

    public enum Kind { ALERT, RECOVERY, NONE }

    /**
     * What intervention has been told.
     *
     * @param announced     the tier last announced (GREEN for a customer never announced)
     * @param lastAlertTier the tier of the last ALERT, or null
     * @param lastAlertAt   when it was made, or null
     */
    public record State(Tier announced, Tier lastAlertTier, Instant lastAlertAt) {
        public static State quiet() {
            return new State(Tier.GREEN, null, null);
        }
    }

    /** @param tier the tier announced (for NONE: the tier still announced) */
    public record Decision(Kind kind, Tier tier, State next, String reason) {
    }

    private AlertPolicy() {
    }

    public static Decision decide(State state, Assessment assessment, ModelConfig config, Instant now) {
        Tier actual = assessment.tier();
        if (actual.worseThan(state.announced())) {
            boolean coolingDown = state.lastAlertAt() != null && state.lastAlertTier() != null
                    && !actual.worseThan(state.lastAlertTier())
                    && now.isBefore(state.lastAlertAt().plus(Duration.ofDays(config.alertCooldownDays())));
            if (coolingDown) {
                return new Decision(Kind.NONE, state.announced(), state, actual + " was alerted on " + state.lastAlertAt()
                        + ", within the " + config.alertCooldownDays() + "-day cool-down");
            }
            return new Decision(Kind.ALERT, actual, new State(actual, actual, now), "entered " + actual);
        }
        if (actual.compareTo(state.announced()) < 0) {
            Tier clear = config.tierOf(Math.min(100, assessment.riskScore() + config.recoveryMargin()));
            if (clear.compareTo(state.announced()) < 0) {
                return new Decision(Kind.RECOVERY, clear, new State(clear, state.lastAlertTier(), state.lastAlertAt()),
                        "recovered to " + clear);
            }
            return new Decision(Kind.NONE, state.announced(), state, "within " + config.recoveryMargin()
                    + " points of " + state.announced() + ": not yet a recovery");
        }
        return new Decision(Kind.NONE, state.announced(), state, "no change");
    }
}
