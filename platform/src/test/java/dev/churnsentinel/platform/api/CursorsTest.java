package dev.churnsentinel.platform.api;

import dev.churnsentinel.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorsTest {
    private final Cursors cursors = new Cursors("a secret of thirty-two characters".getBytes(StandardCharsets.UTF_8));
    private final List<String> position = List.of("2026-12-05T10:00:00.123456Z", "0193a5c0-7d1e-7000-8000-000000000001", "周总");

    @Test
    void aCursorGivesBackThePositionItWasMadeFor() {
        String cursor = cursors.encode("acme", "dueAt|/api/v1/tasks?{tier=[RED]}", position);
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertEquals(position, cursors.decode(cursor, "acme", "dueAt|/api/v1/tasks?{tier=[RED]}"));
    }

    @Test
    void anAlteredCursorIsRefused() {
        String cursor = cursors.encode("acme", "q", position);
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[20] ^= 1;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertEquals("was altered or not issued by this service; pass nextCursor from a previous page unchanged",
                reason(() -> cursors.decode(altered, "acme", "q")));
        Cursors other = new Cursors("another secret, also long enough".getBytes(StandardCharsets.UTF_8));
        assertEquals("was altered or not issued by this service; pass nextCursor from a previous page unchanged",
                reason(() -> other.decode(cursor, "acme", "q")));
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : List.of("x", "not a cursor!", "AAAA", "A".repeat(5000))) {
            assertTrue(reason(() -> cursors.decode(garbage, "acme", "q")).startsWith("is not a cursor this API issued"), garbage);
        }
    }

    @Test
    void anotherTenantsOrAnotherQuerysCursorIsRefused() {
        String cursor = cursors.encode("acme", "q", position);
        assertEquals("belongs to another tenant", reason(() -> cursors.decode(cursor, "globex", "q")));
        assertEquals("was issued for another sort or other filters; repeat the first page's parameters with it",
                reason(() -> cursors.decode(cursor, "acme", "q2")));
    }

    private static String reason(Runnable decode) {
        ProblemException e = assertThrows(ProblemException.class, decode::run);
        assertEquals(400, e.problem().status());
        assertEquals("cursor", e.problem().errors().get(0).field());
        return e.problem().errors().get(0).message();
    }
}
