package dev.churnsentinel.scoring.model;

/** Risk tiers, from least to most urgent. */
public enum Tier {
    GREEN, YELLOW, ORANGE, RED;

    public boolean worseThan(Tier other) {
        return other == null || compareTo(other) > 0;
    }

    public static Tier worst(Tier a, Tier b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
