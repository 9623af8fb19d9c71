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

    /** What scoring announced. */
    public record Alert(Tier tier, boolean passiveChurn, boolean priceSensitive) {
    }

    /** The customer's open task, if any. */
    public record OpenTask(Tier tier, Instant dueAt) {
    }

    public record Plan(Action action, String reason, Tier tier, String kind, String playbook, Instant dueAt,
                       Instant acknowledgeBy, String assigneeRole, String escalateTo, List<String> guidance) {
        static Plan none(String reason) {
            return new Plan(Action.NONE, reason, null, null, null, null, null, null, null, List.of());
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
        Instant due = now.plus(playbook.due());
        if (open != null && open.dueAt().isBefore(due)) {
            due = open.dueAt();
        }
        List<String> guidance = new ArrayList<>(playbook.guidance());
        if (alert.priceSensitive() && playbooks.variants() != null) {
            guidance.addAll(playbooks.variants().priceSensitiveGuidance());
        }
        return new Plan(open == null ? Action.CREATE : Action.UPGRADE,
                open == null ? "new " + alert.tier() + " alert" : "upgraded from " + open.tier(),
                alert.tier(), playbook.kind(), playbooks.playbookName(alert.tier()), due,
                now.plus(playbook.acknowledgeWithin()), playbook.assigneeRole(), playbook.escalateTo(), List.copyOf(guidance));
    }
}
