package dev.churnsentinel.platform.auth;

import dev.churnsentinel.platform.ManualClock;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyCacheTest {
    private static final byte[] DIGEST = ApiKeys.sha256("csk_abcdefgh_secret");
    private final Instant start = Instant.parse("2026-03-02T09:00:00Z");
    private final ManualClock clock = new ManualClock(start);
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicReference<Uni<Optional<StoredKey>>> answer = new AtomicReference<>();
    private final KeyCache cache = new KeyCache(sha -> {
        lookups.incrementAndGet();
        return answer.get();
    }, Duration.ofSeconds(5), Duration.ofMinutes(10), 100, clock);

    private static StoredKey key(Instant expiresAt) {
        return new StoredKey(UUID.randomUUID(), "demo", "crm-sync", "csk_abcdefgh", Set.of("read"), expiresAt);
    }

    private Optional<StoredKey> find() {
        return cache.find(DIGEST).await().indefinitely();
    }

    @Test
    void anAnswerIsRememberedForTheFreshWindowThenAskedAgainSoARevocationTakesEffect() {
        answer.set(Uni.createFrom().item(Optional.of(key(null))));
        assertTrue(find().isPresent());
        clock.set(start.plusSeconds(4));
        assertTrue(find().isPresent());
        assertEquals(1, lookups.get());

        answer.set(Uni.createFrom().item(Optional.empty()));
        clock.set(start.plusSeconds(6));
        assertTrue(find().isEmpty(), "revoked");
        assertEquals(2, lookups.get());
    }

    @Test
    void aRememberedKeyStopsAtItsExpiryEvenWithinTheFreshWindow() {
        answer.set(Uni.createFrom().item(Optional.of(key(start.plusSeconds(2)))));
        assertTrue(find().isPresent());
        clock.set(start.plusSeconds(3));
        assertTrue(find().isEmpty());
        assertEquals(1, lookups.get());
    }

    @Test
    void whileTheStoreIsAwayTheLastAnswerHoldsForTheStaleWindowAndThenTheFailureShows() {
        answer.set(Uni.createFrom().item(Optional.of(key(null))));
        assertTrue(find().isPresent());
        answer.set(Uni.createFrom().failure(new IllegalStateException("ingestion is down")));
        clock.set(start.plus(Duration.ofMinutes(9)));
        assertTrue(find().isPresent(), "the last answer holds");
        clock.set(start.plus(Duration.ofMinutes(11)));
        assertThrows(IllegalStateException.class, this::find);
        assertThrows(IllegalStateException.class, () -> cache.find(ApiKeys.sha256("never seen")).await().indefinitely());
    }
}
