package dev.churnsentinel.intervention.signin;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkTokensTest {
    static final LinkTokens TOKENS = new LinkTokens("a key of at least thirty-two bytes, for tests".getBytes(StandardCharsets.UTF_8));
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aTokenSaysWhoItSignsInAndWhichTaskItOpensUntilItExpires() throws Exception {
        UUID task = UUID.randomUUID();
        String token = TOKENS.issue("demo", "zhou@example.com", task, NOW.plusSeconds(3600));
        LinkTokens.Claims claims = TOKENS.verify(token, NOW);
        assertEquals("demo", claims.tenant());
        assertEquals("zhou@example.com", claims.email());
        assertEquals(task, claims.taskId());
        assertNull(TOKENS.verify(TOKENS.issue("demo", "zhou@example.com", null, NOW.plusSeconds(60)), NOW).taskId());
    }

    @Test
    void twoTokensForTheSameThingDifferAndSoDoTheirDigests() {
        UUID task = UUID.randomUUID();
        String a = TOKENS.issue("demo", "z@example.com", task, NOW.plusSeconds(60));
        String b = TOKENS.issue("demo", "z@example.com", task, NOW.plusSeconds(60));
        assertNotEquals(a, b);
        assertNotEquals(LinkTokens.digest(a), LinkTokens.digest(b));
        assertEquals(64, LinkTokens.digest(a).length());
    }

    @Test
    void anExpiredTokenIsRefusedAtItsExpiry() {
        String token = TOKENS.issue("demo", "z@example.com", null, NOW);
        assertEquals(LinkTokens.Rejection.EXPIRED, assertThrows(LinkTokens.Rejected.class, () -> TOKENS.verify(token, NOW)).why());
    }

    @Test
    void aChangedPayloadOrAnotherKeysSignatureIsForged() {
        String token = TOKENS.issue("demo", "z@example.com", null, NOW.plusSeconds(60));
        String otherTenant = TOKENS.issue("acme", "z@example.com", null, NOW.plusSeconds(60));
        String spliced = otherTenant.substring(0, otherTenant.indexOf('.')) + token.substring(token.indexOf('.'));
        assertEquals(LinkTokens.Rejection.FORGED, assertThrows(LinkTokens.Rejected.class, () -> TOKENS.verify(spliced, NOW)).why());
        LinkTokens other = new LinkTokens("another key of at least thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));
        assertEquals(LinkTokens.Rejection.FORGED, assertThrows(LinkTokens.Rejected.class, () -> other.verify(token, NOW)).why());
    }

    @Test
    void garbageIsMalformed() {
        for (String garbage : new String[]{null, "", "abc", "a.b.c", "!!!.???", "x".repeat(2000)}) {
            assertEquals(LinkTokens.Rejection.MALFORMED,
                    assertThrows(LinkTokens.Rejected.class, () -> TOKENS.verify(garbage, NOW)).why(), String.valueOf(garbage));
        }
    }

    @Test
    void aShortKeyOrAMultiLineEmailIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LinkTokens(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> TOKENS.issue("demo", "a@b.c\nx", null, NOW));
    }
}
