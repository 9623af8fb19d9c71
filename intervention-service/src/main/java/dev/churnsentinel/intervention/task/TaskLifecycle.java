package dev.churnsentinel.intervention.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a task and the moves between them: OPEN → ACKNOWLEDGED → IN_PROGRESS → RESOLVED, or CANCELLED
 * from any open state. Starting work acknowledges it too; reassigning and resolving are allowed while it is open.
 * Anything else is an illegal transition (409).
 */
public final class TaskLifecycle {

    public enum Status {
        OPEN, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CANCELLED;

        public boolean isOpen() {
            return this == OPEN || this == ACKNOWLEDGED || this == IN_PROGRESS;
        }
    }

    public enum Action { ACKNOWLEDGE, START, REASSIGN, RESOLVE, CANCEL }

    /** How a resolved task ended for the customer. */
    public enum Outcome { RETAINED, CHURNED, FALSE_ALARM, PASSIVE_CHURN }

    public static final class IllegalTransition extends RuntimeException {
        IllegalTransition(Status from, Action action) {
            super("a task that is " + from + " cannot be " + past(action) + "; allowed from "
                    + allowedFrom(action));
        }
    }

    private TaskLifecycle() {
    }

    /** The status after {@code action}, or {@link IllegalTransition}. */
    public static Status after(Status from, Action action) {
        if (!allowedFrom(action).contains(from)) {
            throw new IllegalTransition(from, action);
        }
        return switch (action) {
            case ACKNOWLEDGE -> Status.ACKNOWLEDGED;
            case START -> Status.IN_PROGRESS;
            case REASSIGN -> from;
            case RESOLVE -> Status.RESOLVED;
            case CANCEL -> Status.CANCELLED;
        };
    }

    /** The moves a task in {@code status} allows. */
    public static Set<Action> allowed(Status status) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (allowedFrom(action).contains(status)) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    static Set<Status> allowedFrom(Action action) {
        return switch (action) {
            case ACKNOWLEDGE -> EnumSet.of(Status.OPEN);
            case START -> EnumSet.of(Status.OPEN, Status.ACKNOWLEDGED);
            case REASSIGN, RESOLVE, CANCEL -> EnumSet.of(Status.OPEN, Status.ACKNOWLEDGED, Status.IN_PROGRESS);
        };
    }

    private static String past(Action action) {
        return switch (action) {
            case ACKNOWLEDGE -> "acknowledged";
            case START -> "started";
            case REASSIGN -> "reassigned";
            case RESOLVE -> "resolved";
            case CANCEL -> "cancelled";
        };
    }
}
