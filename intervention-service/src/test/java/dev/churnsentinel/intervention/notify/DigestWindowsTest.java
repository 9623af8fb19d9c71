package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.notify.NotificationStore.Person;
import dev.churnsentinel.intervention.notify.NotificationStore.Waiting;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DigestWindowsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Person BOSS = new Person("demo", "boss@example.com");
    private final DigestWindows windows = new DigestWindows(Duration.ofSeconds(10));

    @Test
    void anEMailJoinsTheDigestOfAPersonHeldUntilTheMargin() {
        Instant due = NOW.plus(Duration.ofMinutes(2));
        windows.held(digest(BOSS, due), NOW);
        assertEquals(due, windows.joining(BOSS, NOW.plusSeconds(1)).due());
        assertEquals(due, windows.joining(BOSS, due.minusSeconds(11)).due());
        assertNull(windows.joining(BOSS, due.minusSeconds(10)), "too close to the digest: the dispatcher decides");
        assertNull(windows.joining(BOSS, due.plusSeconds(1)));
    }

    @Test
    void nobodyHeldMeansTheDispatcherDecides() {
        windows.held(digest(BOSS, NOW.plusSeconds(120)), NOW);
        assertNull(windows.joining(new Person("demo", "other@example.com"), NOW));
        assertNull(windows.joining(new Person("other-tenant", "boss@example.com"), NOW), "a person is per tenant");
    }

    @Test
    void aLaterHoldReplacesTheWindowAndDueOnesAreForgotten() {
        Person other = new Person("demo", "other@example.com");
        windows.held(digest(other, NOW.plusSeconds(30)), NOW);
        windows.held(digest(BOSS, NOW.plusSeconds(60)), NOW);
        Instant later = NOW.plusSeconds(200);
        windows.held(digest(BOSS, later.plusSeconds(120)), later);
        assertEquals(later.plusSeconds(120), windows.joining(BOSS, later).due());
        assertNull(windows.joining(other, later));
    }

    private static Waiting digest(Person person, Instant due) {
        return new Waiting(UUID.randomUUID(), person, due);
    }

    @Test
    void theMarginIsAQuarterOfTheWindowAtMostTwoSeconds() {
        assertEquals(Duration.ofMillis(750), DigestWindows.margin(Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(2), DigestWindows.margin(Duration.ofMinutes(2)));
    }
}
