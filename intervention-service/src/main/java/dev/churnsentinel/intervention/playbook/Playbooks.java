package dev.churnsentinel.intervention.playbook;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to do per tier (the playbook API's document): task kind, windows, who acts, who is escalated to, the
 * talk-track; variants for price-sensitive customers and for the exit survey after a churn.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Playbooks(Integer version, Map<Tier, TierPlaybook> tiers, Variants variants) {

    /** Escalation shares the task with the escalation role (the assignee keeps it) or reassigns it to them. */
    public enum EscalationMode { SHARE, REASSIGN }

    /**
     * @param escalateTo      the role told first when the task is not acknowledged or not resolved in time
     * @param escalationChain the roles above it, told at the next escalation levels
     * @param onEscalation    share the task with the escalated-to person (default) or reassign it to them
     * @param dueOnWorkingDay a due date that falls on a weekend or public holiday moves to the next working day
     *                        (the business calendar); absent: false
     */
    public record TierPlaybook(String kind,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) Duration due,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) Duration acknowledgeWithin,
                               String assigneeRole, String escalateTo, List<String> escalationChain,
                               EscalationMode onEscalation, Boolean dueOnWorkingDay, List<String> guidance) {
        public TierPlaybook {
            dueOnWorkingDay = Boolean.TRUE.equals(dueOnWorkingDay);
            escalationChain = escalationChain == null ? List.of() : List.copyOf(escalationChain);
            onEscalation = onEscalation == null ? EscalationMode.SHARE : onEscalation;
            guidance = guidance == null ? List.of() : List.copyOf(guidance);
        }

        /** The roles escalated to, level 1 first. */
        public List<String> escalationRoles() {
            return Playbooks.escalationRoles(escalateTo, escalationChain);
        }
    }

    /**
     * @param priceSensitiveGuidance added when the customer's signals are about price (docs/domain.md §5: value first,
     *                               no discount first)
     * @param exitSurvey             the task opened when a task is resolved as CHURNED; absent: none
     */
    public record Variants(List<String> priceSensitiveGuidance, ExitSurvey exitSurvey) {
        public Variants {
            priceSensitiveGuidance = priceSensitiveGuidance == null ? List.of() : List.copyOf(priceSensitiveGuidance);
        }
    }

    /** After a churn: find out why, with one of {@code reasonCodes}; it feeds product and model improvement. */
    public record ExitSurvey(@JsonFormat(shape = JsonFormat.Shape.STRING) Duration due,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) Duration acknowledgeWithin,
                             String assigneeRole, String escalateTo, List<String> guidance, List<String> reasonCodes) {
        public ExitSurvey {
            guidance = guidance == null ? List.of() : List.copyOf(guidance);
            reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
        }

        /** The exit survey as a tier playbook, so the same planning, SLA clock and escalation apply. */
        public TierPlaybook asTierPlaybook() {
            return new TierPlaybook("EXIT_SURVEY", due, acknowledgeWithin, assigneeRole, escalateTo, List.of(),
                    EscalationMode.SHARE, true, guidance);
        }
    }

    /** The roles escalated to, level 1 first: {@code escalateTo}, then the chain above it. */
    public static List<String> escalationRoles(String escalateTo, List<String> chain) {
        if (escalateTo == null || escalateTo.isBlank()) {
            return List.of();
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(escalateTo), chain.stream()).toList();
    }

    public Playbooks withVersion(int newVersion) {
        return new Playbooks(newVersion, tiers, variants);
    }

    public String playbookName(Tier tier) {
        return tier.name() + "_" + tiers.get(tier).kind();
    }

    public ExitSurvey exitSurvey() {
        return variants == null ? null : variants.exitSurvey();
    }
}
