package dev.churnsentinel.scoring.model;

import dev.churnsentinel.scoring.model.AlertPolicy.Decision;
import dev.churnsentinel.scoring.model.AlertPolicy.Kind;
import dev.churnsentinel.scoring.model.AlertPolicy.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertPolicyTest {
    static final ModelConfig CONFIG = ModelConfig.defaults(); // YELLOW 60, ORANGE 75, RED 90; margin 5; cool-down 7 days
    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    static Assessment scored(double score) {
        return new Assessment(score, CONFIG.tierOf(score), Assessment.Stage.DOUBTING, "churn-risk", 1, List.of(), List.of());
    }

    static Decision after(State state, double score, Instant at) {
        return AlertPolicy.decide(state, scored(score), CONFIG, at);
    }

    @Test
    void enteringAWorseTierAlertsOnceAndStayingThereSaysNothing() {
        Decision alert = after(State.quiet(), 62, T0);
        assertEquals(Kind.ALERT, alert.kind());
        assertEquals(Tier.YELLOW, alert.tier());
        assertEquals(Kind.NONE, after(alert.next(), 68, T0.plusSeconds(60)).kind());
        Decision worse = after(alert.next(), 80, T0.plusSeconds(120));
        assertEquals(Kind.ALERT, worse.kind(), "a worse tier always alerts, cool-down or not");
        assertEquals(Tier.ORANGE, worse.tier());
    }

    @Test
    void aScoreHoveringAtTheThresholdIsNotAnnouncedBackAndForth() {
        State yellow = after(State.quiet(), 61, T0).next();
        assertEquals(Kind.NONE, after(yellow, 58, T0.plusSeconds(60)).kind(), "58 is within 5 points of 60");
        Decision recovered = after(yellow, 54, T0.plusSeconds(120));
        assertEquals(Kind.RECOVERY, recovered.kind());
        assertEquals(Tier.GREEN, recovered.tier());
    }

    @Test
    void aTierAlertedWithinTheCoolDownIsNotAlertedAgainButIsAfterIt() {
        State yellow = after(State.quiet(), 65, T0).next();
        State green = after(yellow, 40, T0.plus(Duration.ofDays(1))).next();
        assertEquals(Tier.GREEN, green.announced());
        Decision again = after(green, 66, T0.plus(Duration.ofDays(3)));
        assertEquals(Kind.NONE, again.kind());
        assertEquals(Tier.GREEN, again.next().announced());
        Decision afterCoolDown = after(green, 66, T0.plus(Duration.ofDays(8)));
        assertEquals(Kind.ALERT, afterCoolDown.kind());
        assertEquals(Tier.YELLOW, afterCoolDown.tier());
    }

    @Test
    void aRedCustomerWhoseScoreFallsRecoversToTheTierTheScoreClearlyHas() {
        State red = after(State.quiet(), 95, T0).next();
        Decision recovered = after(red, 72, T0.plus(Duration.ofDays(2)));
        assertEquals(Kind.RECOVERY, recovered.kind());
        assertEquals(Tier.ORANGE, recovered.tier(), "72 is YELLOW but within 5 points of ORANGE: announced as ORANGE");
        assertEquals(Tier.YELLOW, after(recovered.next(), 60, T0.plus(Duration.ofDays(3))).tier());
    }
}
