package dev.churnsentinel.intervention.playbook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a tier change asks for: a new task, an upgrade of the customer's open task, or nothing.
 * At most one open task per customer; a worse tier upgrades it (kind, nearer due date, higher role); a
 * better or equal tier leaves it alone (recovery never silently closes a task); passive churn gets no rescue.
 */
public final class TaskPlanner {

    public enum Action { CREATE, UPGRADE, NONE }

    private final BusinessCalendar calendar;

    /** Due dates as the playbooks give them, every day a working day. */
    public TaskPlanner() {
        this(BusinessCalendar.NONE);
    }

    /** Due dates of playbooks that ask for it move off weekends and public holidays of {@code calendar}. */
    public TaskPlanner(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    /** What scoring announced. */
    public record Alert(Tier tier, boolean passiveChurn, boolean priceSensitive) {
    }

    /** The customer's open task, if any. */
    public record OpenTask(Tier tier, Instant dueAt) {
    }

    public record Plan(Action action, String reason, Tier tier, String kind, String playbook, Instant dueAt,
                       Instant acknowledgeBy, String assigneeRole, String escalateTo, List<String> escalationChain,
                       Playbooks.EscalationMode onEscalation, List<String> guidance) {
        static Plan none(String reason) {
            return new Plan(Action.NONE, reason, null, null, null, null, null, null, null, List.of(), null, List.of());
        }
    }

    public Plan plan(Alert alert, OpenTask open, Playbooks playbooks, Instant now) {
        if (alert.passiveChurn()) {
            return Plan.none("passive churn: the customer moved away or sold the asset, no rescue");
        }
        Playbooks.TierPlaybook playbook = playbooks.tiers().get(alert.tier());
        if (playbook == null) {
            return Plan.none("no playbook for " + alert.tier());
        }
        if (open != null && open.tier().compareTo(alert.tier()) >= 0) {
            return Plan.none("the open " + open.tier() + " task already covers " + alert.tier());
        }
        Instant due = dueFrom(now, playbook);
        if (open != null && open.dueAt().isBefore(due)) {
            due = open.dueAt();
        }
        List<String> guidance = new ArrayList<>(playbook.guidance());
        if (alert.priceSensitive() && playbooks.variants() != null) {
            guidance.addAll(playbooks.variants().priceSensitiveGuidance());
        }
        return plan(open == null ? Action.CREATE : Action.UPGRADE,
                open == null ? "new " + alert.tier() + " alert" : "upgraded from " + open.tier(),
                alert.tier(), playbooks.playbookName(alert.tier()), playbook, due, now, guidance);
    }

    /**
     * After a task ended with the customer gone: an exit survey to record the real reason (docs/domain.md §7), when the
     * playbooks have one. It keeps the tier of the task that ended.
     */
    public Plan exitSurvey(Tier tier, Playbooks playbooks, Instant now) {
        Playbooks.ExitSurvey exit = playbooks.exitSurvey();
        if (exit == null) {
            return Plan.none("the playbooks have no exit survey");
        }
        Playbooks.TierPlaybook playbook = exit.asTierPlaybook();
        return plan(Action.CREATE, "the customer churned", tier, "EXIT_SURVEY", playbook, dueFrom(now, playbook), now,
                playbook.guidance());
    }

    private Instant dueFrom(Instant now, Playbooks.TierPlaybook playbook) {
        Instant due = now.plus(playbook.due());
        return Boolean.TRUE.equals(playbook.dueOnWorkingDay()) ? calendar.dueOnWorkingDay(due) : due;
    }

    private static Plan plan(Action action, String reason, Tier tier, String name, Playbooks.TierPlaybook playbook,
                             Instant due, Instant now, List<String> guidance) {
        return new Plan(action, reason, tier, playbook.kind(), name, due, now.plus(playbook.acknowledgeWithin()),
                playbook.assigneeRole(), playbook.escalateTo(), playbook.escalationChain(), playbook.onEscalation(),
                List.copyOf(guidance));
    }
}
