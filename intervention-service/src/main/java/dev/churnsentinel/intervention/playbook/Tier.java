package dev.churnsentinel.intervention.playbook;

/** Risk tiers as scoring-service announces them, least to most urgent. */
public enum Tier {
    GREEN, YELLOW, ORANGE, RED
}
