package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.task.EscalationPolicy.Clock;
import dev.churnsentinel.intervention.task.EscalationPolicy.Trigger;
import dev.churnsentinel.intervention.task.TaskLifecycle.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscalationPolicyTest {
    static final Instant CREATED = Instant.parse("2026-03-01T02:00:00Z");
    static final Instant ACK_BY = CREATED.plus(Duration.ofHours(2));
    static final Instant DUE = CREATED.plus(Duration.ofHours(24));
    static final List<String> CHAIN = List.of("REGIONAL_DIRECTOR", "GENERAL_MANAGER");

    static Clock clock(Status status, boolean ackFired, boolean dueFired, int level) {
        return new Clock(status, ACK_BY, DUE, ackFired, dueFired, level, CHAIN);
    }

    @Test
    void nothingHappensWithinTheWindows() {
        assertTrue(EscalationPolicy.at(clock(Status.OPEN, false, false, 0), ACK_BY.minusSeconds(1)).isEmpty());
    }

    @Test
    void anUnacknowledgedRedTaskGoesToTheRegionalDirectorThenTheGeneralManager() {
        var first = EscalationPolicy.at(clock(Status.OPEN, false, false, 0), ACK_BY).orElseThrow();
        assertEquals(List.of(Trigger.NOT_ACKNOWLEDGED), first.triggers());
        assertEquals(1, first.level());
        assertEquals("REGIONAL_DIRECTOR", first.role());
        assertTrue(EscalationPolicy.at(clock(Status.OPEN, true, false, 1), ACK_BY.plusSeconds(60)).isEmpty(), "fires once");
        var second = EscalationPolicy.at(clock(Status.OPEN, true, false, 1), DUE).orElseThrow();
        assertEquals(List.of(Trigger.OVERDUE), second.triggers());
        assertEquals("GENERAL_MANAGER", second.role());
        assertTrue(EscalationPolicy.at(clock(Status.OPEN, true, true, 2), DUE.plus(Duration.ofDays(3))).isEmpty());
    }

    @Test
    void anAcknowledgedTaskOnlyEscalatesWhenOverdue() {
        assertTrue(EscalationPolicy.at(clock(Status.ACKNOWLEDGED, false, false, 0), ACK_BY.plusSeconds(5)).isEmpty());
        var overdue = EscalationPolicy.at(clock(Status.IN_PROGRESS, false, false, 0), DUE).orElseThrow();
        assertEquals(List.of(Trigger.OVERDUE), overdue.triggers());
        assertEquals("REGIONAL_DIRECTOR", overdue.role());
    }

    @Test
    void windowsMissedDuringDowntimeMakeOneEscalationOfTwoLevels() {
        var caughtUp = EscalationPolicy.at(clock(Status.OPEN, false, false, 0), DUE.plus(Duration.ofHours(5))).orElseThrow();
        assertEquals(List.of(Trigger.NOT_ACKNOWLEDGED, Trigger.OVERDUE), caughtUp.triggers());
        assertEquals(2, caughtUp.level());
        assertEquals("GENERAL_MANAGER", caughtUp.role());
    }

    @Test
    void aShortChainStaysAtItsTopAndNoChainMeansNobodyAbove() {
        var top = EscalationPolicy.at(new Clock(Status.OPEN, ACK_BY, DUE, true, false, 1, List.of("SENIOR_MANAGER")), DUE)
                .orElseThrow();
        assertEquals("SENIOR_MANAGER", top.role());
        var none = EscalationPolicy.at(new Clock(Status.OPEN, ACK_BY, DUE, false, false, 0, List.of()), ACK_BY).orElseThrow();
        assertEquals(null, none.role());
        assertTrue(EscalationPolicy.at(clock(Status.RESOLVED, false, false, 0), DUE).isEmpty());
    }
}
