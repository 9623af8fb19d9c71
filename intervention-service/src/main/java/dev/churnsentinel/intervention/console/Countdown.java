package dev.churnsentinel.intervention.console;

import java.time.Duration;
import java.time.Instant;

/**
 * The SLA chip of a task: the deadline that matters now (acknowledge-by while nobody has acknowledged it and that
 * window is still ahead, else due), how much of its window is left, and its colour: green, amber when less than a
 * fifth of the window is left, red once it has passed. Deadlines already respect the business calendar (the planner
 * moves them to working days), so the chip counts wall-clock time to them.
 */
public final class Countdown {
    public enum State { GREEN, AMBER, RED }

    public enum Deadline { ACKNOWLEDGE, DUE }

    /** Share of the window below which a chip turns amber. */
    static final double AMBER_SHARE = 0.2;

    public record Chip(Deadline deadline, Instant from, Instant at, State state, Duration left) {
    }

    private Countdown() {
    }

    public static Chip of(boolean acknowledged, Instant createdAt, Instant acknowledgeBy, Instant dueAt, Instant now) {
        boolean ack = !acknowledged && now.isBefore(acknowledgeBy) && acknowledgeBy.isBefore(dueAt);
        Instant at = ack ? acknowledgeBy : dueAt;
        return new Chip(ack ? Deadline.ACKNOWLEDGE : Deadline.DUE, createdAt, at, state(createdAt, at, now),
                Duration.between(now, at));
    }

    static State state(Instant from, Instant at, Instant now) {
        if (!now.isBefore(at)) {
            return State.RED;
        }
        long window = Math.max(1, Duration.between(from, at).toMillis());
        long left = Duration.between(now, at).toMillis();
        return left < window * AMBER_SHARE ? State.AMBER : State.GREEN;
    }

    /** "3d 4h", "5h 12m", "12m 5s"; negative durations as overdue by the same amount. */
    public static String text(Duration left) {
        Duration d = left.abs();
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes + "m " + d.toSecondsPart() + "s";
    }
}
