package dev.churnsentinel.platform.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key a tenant's administrator made through the API (not one of {@code SENTINEL_API_KEYS}): who it acts for,
 * what it may do, and until when ({@code expiresAt} is set while a rotation lets the old and new key work together).
 */
public record StoredKey(UUID id, String tenant, String name, String prefix, Set<String> roles, Instant expiresAt) {
    public StoredKey {
        roles = Set.copyOf(roles);
    }

    /** Whether the key may still be used at {@code now}. */
    public boolean validAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** How the audit trail names whoever used this key. */
    public String by() {
        return "key:" + name + " (" + prefix + ")";
    }
}
