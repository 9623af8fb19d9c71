package dev.churnsentinel.platform.auth;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    @Test
    void plainKeysGiveTheirTenantAndRoles() {
        ApiKeys keys = ApiKeys.parse("k-demo-123:demo:ingest|read|manage|admin, k-acme-9:acme:ingest|read", false);
        assertEquals("demo", keys.find("k-demo-123").orElseThrow().tenant());
        assertEquals(Set.of("ingest", "read"), keys.find("k-acme-9").orElseThrow().roles());
        assertTrue(keys.find("k-unknown").isEmpty());
    }

    @Test
    void hashedKeysMatchThePlainKeyTheyWereMadeFrom() {
        String hex = HexFormat.of().formatHex(ApiKeys.sha256("secret-key"));
        ApiKeys keys = ApiKeys.parse("sha256:" + hex + ":acme:read", true);
        assertEquals("acme", keys.find("secret-key").orElseThrow().tenant());
        assertTrue(keys.find(hex).isEmpty());
    }

    @Test
    void plainKeysAreRefusedWhenOnlyHashesAreAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse("k-demo-123:demo:read", true));
        assertTrue(e.getMessage().contains("refused in prod"), e.getMessage());
        assertTrue(!e.getMessage().contains("k-demo-123"), "the key itself must never appear in a message");
    }

    @Test
    void unknownRolesAndMalformedEntriesAreNamedByPosition() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("a:t:read,b:t:root", false))
                .getMessage().startsWith("sentinel.api-keys entry 2: unknown role 'root'"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("just-a-key", false));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("sha256:abcd:t:read", false));
    }
}
