package dev.churnsentinel.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys of the setting {@code SENTINEL_API_KEYS}: comma-separated entries {@code KEY:TENANT:ROLE|ROLE}
 * or {@code sha256:HEX:TENANT:ROLE|ROLE}. Only the SHA-256 of each key is kept in memory.
 */
public final class ApiKeys {
    public static final Set<String> ROLES = Set.of("ingest", "read", "manage", "admin");

    /** One key: the SHA-256 of the key, the tenant it acts for and what it may do. */
    public record Entry(byte[] sha256, String tenant, Set<String> roles) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses the setting; with {@code hashedOnly} (the prod profile) a plain key is refused.
     *
     * @throws IllegalArgumentException naming the entry (by position, never by key) and what is wrong with it
     */
    public static ApiKeys parse(String setting, boolean hashedOnly) {
        List<Entry> entries = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return new ApiKeys(entries);
        }
        String[] items = setting.split(",");
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (item.isEmpty()) {
                continue;
            }
            String[] parts = item.split(":", -1);
            boolean hashed = parts.length == 4 && parts[0].equals("sha256");
            String where = "sentinel.api-keys entry " + (i + 1);
            if (!hashed && parts.length != 3) {
                throw new IllegalArgumentException(where + ": expected KEY:TENANT:ROLES or sha256:HEX:TENANT:ROLES");
            }
            if (!hashed && hashedOnly) {
                throw new IllegalArgumentException(where + ": plain keys are refused in prod, give sha256:HEX:TENANT:ROLES");
            }
            byte[] digest = hashed ? hex(parts[1], where) : sha256(parts[0]);
            String tenant = parts[hashed ? 2 : 1].trim();
            if (tenant.isEmpty() || (!hashed && parts[0].isBlank())) {
                throw new IllegalArgumentException(where + ": key and tenant must not be empty");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : parts[hashed ? 3 : 2].split("\\|")) {
                String name = role.trim().toLowerCase(Locale.ROOT);
                if (!ROLES.contains(name)) {
                    throw new IllegalArgumentException(where + ": unknown role '" + name + "', expected one of " + ROLES);
                }
                roles.add(name);
            }
            entries.add(new Entry(digest, tenant, Set.copyOf(roles)));
        }
        return new ApiKeys(entries);
    }

    /** The entry of a presented key, compared in constant time on the digests. */
    public Optional<Entry> find(String presentedKey) {
        byte[] digest = sha256(presentedKey);
        Entry found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.sha256(), digest)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static byte[] hex(String value, String where) {
        try {
            byte[] bytes = HexFormat.of().parseHex(value.trim());
            if (bytes.length != 32) {
                throw new IllegalArgumentException(where + ": a SHA-256 has 64 hex digits");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": a SHA-256 has 64 hex digits", e);
        }
    }
}
