package dev.churnsentinel.platform.auth;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceKeysTest {
    private static final String OLD = "old-key-0123456789abcdef";
    private static final String NEW = "new-key-0123456789abcdef";

    @Test
    void acceptsEveryListedKeyPlainOrHashedSoThatOneCanBeRotated() {
        String hashed = "sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(NEW));
        ServiceKeys keys = ServiceKeys.parse("caller-keys", List.of(OLD, hashed));
        assertTrue(keys.accepts(OLD));
        assertTrue(keys.accepts(NEW));
        assertFalse(keys.accepts("another-key-0123456789"));
        assertFalse(keys.accepts(""));
        assertFalse(keys.accepts(null));
    }

    @Test
    void refusesShortKeysAndBadDigestsNamingTheEntryNotTheKey() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> ServiceKeys.parse("caller-keys", List.of(OLD, "short")));
        assertTrue(shortKey.getMessage().startsWith("caller-keys entry 2: "), shortKey.getMessage());
        assertFalse(shortKey.getMessage().contains("short"));
        IllegalArgumentException digest = assertThrows(IllegalArgumentException.class,
                () -> ServiceKeys.parse("caller-keys", List.of("sha256:abcd")));
        assertTrue(digest.getMessage().contains("64 hex digits"), digest.getMessage());
    }

    @Test
    void noKeysAcceptsNothing() {
        ServiceKeys none = ServiceKeys.parse("caller-keys", List.of());
        assertTrue(none.isEmpty());
        assertFalse(none.accepts(OLD));
    }
}
