package dev.churnsentinel.intervention.playbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What to do per tier (the playbook API's document): task kind, windows, who acts, who is escalated to. */
public record Playbooks(int version, Map<Tier, TierPlaybook> tiers, Variants variants) {

    public record TierPlaybook(String kind, Duration due, Duration acknowledgeWithin, String assigneeRole,
                               String escalateTo, List<String> guidance) {
    }

    /** Guidance added when the customer's signals are about price (DOMAIN.md §3: value first, no discount first). */
    public record Variants(List<String> priceSensitiveGuidance) {
    }

    public String playbookName(Tier tier) {
        return tier.name() + "_" + tiers.get(tier).kind();
    }
}
