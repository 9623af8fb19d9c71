package dev.churnsentinel.intervention.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a task escalates and to whom. Two windows each fire once: not acknowledged by {@code acknowledgeBy} (only
 * while the task is still OPEN) and not resolved by {@code dueAt}. Each window that has passed raises the level by
 * one; the level picks the role from the playbook's chain (the last role when the chain is shorter). Windows that
 * passed together (after downtime) make one escalation of several levels, not a burst of messages.
 */
public final class EscalationPolicy {

    public enum Trigger { NOT_ACKNOWLEDGED, OVERDUE }

    /** What the clock says about one open task. */
    public record Clock(TaskLifecycle.Status status, Instant acknowledgeBy, Instant dueAt, boolean acknowledgeFired,
                        boolean dueFired, int level, List<String> escalationRoles) {
    }

    /** @param role who is told now; null when the playbook names nobody above the assignee */
    public record Escalation(List<Trigger> triggers, int level, String role) {
    }

    private EscalationPolicy() {
    }

    public static Optional<Escalation> at(Clock clock, Instant now) {
        if (!clock.status().isOpen()) {
            return Optional.empty();
        }
        List<Trigger> triggers = new ArrayList<>(2);
        if (clock.status() == TaskLifecycle.Status.OPEN && !clock.acknowledgeFired() && !now.isBefore(clock.acknowledgeBy())) {
            triggers.add(Trigger.NOT_ACKNOWLEDGED);
        }
        if (!clock.dueFired() && !now.isBefore(clock.dueAt())) {
            triggers.add(Trigger.OVERDUE);
        }
        if (triggers.isEmpty()) {
            return Optional.empty();
        }
        int level = clock.level() + triggers.size();
        List<String> roles = clock.escalationRoles();
        String role = roles.isEmpty() ? null : roles.get(Math.min(level, roles.size()) - 1);
        return Optional.of(new Escalation(List.copyOf(triggers), level, role));
    }
}
