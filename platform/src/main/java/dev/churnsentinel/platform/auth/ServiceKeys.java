package dev.churnsentinel.platform.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys with which one service calls another (not a tenant's API keys: such a call acts for every tenant): entries
 * {@code KEY} or {@code sha256:HEX}, several at once so that a key can be rotated without downtime. Only the SHA-256
 * of each key is kept in memory.
 */
public final class ServiceKeys {
    private final List<byte[]> digests;

    private ServiceKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * Parses the entries of {@code setting} (its name, for the messages).
     *
     * @throws IllegalArgumentException naming the entry (by position, never by key) and what is wrong with it
     */
    public static ServiceKeys parse(String setting, List<String> entries) {
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).trim();
            String where = setting + " entry " + (i + 1);
            if (entry.startsWith("sha256:")) {
                digests.add(ApiKeys.hex(entry.substring("sha256:".length()), where));
            } else if (entry.length() < 16) {
                throw new IllegalArgumentException(where + ": a key has at least 16 characters");
            } else {
                digests.add(ApiKeys.sha256(entry));
            }
        }
        return new ServiceKeys(digests);
    }

    /** Whether {@code presentedKey} is one of the keys, compared in constant time on the digests. */
    public boolean accepts(String presentedKey) {
        if (presentedKey == null) {
            return false;
        }
        byte[] digest = ApiKeys.sha256(presentedKey);
        boolean found = false;
        for (byte[] known : digests) {
            found |= MessageDigest.isEqual(known, digest);
        }
        return found;
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }
}
