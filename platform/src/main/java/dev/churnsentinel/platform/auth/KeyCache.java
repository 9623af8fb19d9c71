package dev.churnsentinel.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Remembers what {@link StoredKeys} said of a key for {@code fresh} (so a revocation takes effect within it), and
 * while the store is out of reach keeps answering what it last said, for at most {@code stale}.
 */
public final class KeyCache {
    private record Known(Optional<StoredKey> key, Instant at) {
    }

    private final StoredKeys store;
    private final Duration fresh;
    private final Duration stale;
    private final Clock clock;
    private final Cache<String, Known> known;

    public KeyCache(StoredKeys store, Duration fresh, Duration stale, long maximumSize, Clock clock) {
        this.store = store;
        this.fresh = fresh;
        this.stale = stale;
        this.clock = clock;
        this.known = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(stale).build();
    }

    /** The key of that SHA-256 if it is valid now; a failure only when the store is out of reach and nothing is known. */
    public Uni<Optional<StoredKey>> find(byte[] sha256) {
        String id = HexFormat.of().formatHex(sha256);
        Instant now = clock.instant();
        Known last = known.getIfPresent(id);
        if (last != null && last.at().plus(fresh).isAfter(now)) {
            return Uni.createFrom().item(valid(last.key(), now));
        }
        return store.find(sha256)
                .invoke(key -> known.put(id, new Known(key, clock.instant())))
                .map(key -> valid(key, clock.instant()))
                .onFailure().recoverWithUni(failure -> last != null && last.at().plus(stale).isAfter(now)
                        ? Uni.createFrom().item(valid(last.key(), now))
                        : Uni.createFrom().failure(failure));
    }

    private static Optional<StoredKey> valid(Optional<StoredKey> key, Instant now) {
        return key.filter(k -> k.validAt(now));
    }
}
