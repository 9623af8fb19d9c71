package dev.churnsentinel.platform.auth;

import io.quarkus.security.identity.SecurityIdentity;

/** Who did something, as the audit trail records it: taken from the caller's key, never from what the caller typed. */
public final class Principals {
    /** The identity attribute that names the caller. */
    public static final String BY = "sentinel.by";

    private Principals() {
    }

    /** The name of the caller behind {@code identity}: its key's name, or its tenant's bootstrap key. */
    public static String by(SecurityIdentity identity) {
        String tenant = Tenants.of(identity);
        Object by = identity.getAttribute(BY);
        return by instanceof String name ? name : bootstrap(tenant);
    }

    /** How a key of {@code SENTINEL_API_KEYS} (which have no names) is named. */
    static String bootstrap(String tenant) {
        return "api-key:" + tenant;
    }
}
