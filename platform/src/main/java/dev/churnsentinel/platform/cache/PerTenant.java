package dev.churnsentinel.platform.cache;

import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A tenant's settings (scoring model, playbooks), read on every record or tier change, kept for {@code freshFor}:
 * a new version is used by the replica that stored it at once ({@link #put}, {@link #forget}) and by the others
 * once their copy is older than {@code freshFor}.
 */
public final class PerTenant<T> {
    private record Entry<T>(T value, Instant loadedAt) {
    }

    private final Duration freshFor;
    private final Clock clock;
    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();

    public PerTenant(Duration freshFor) {
        this(freshFor, Clock.systemUTC());
    }

    PerTenant(Duration freshFor, Clock clock) {
        this.freshFor = freshFor;
        this.clock = clock;
    }

    /** The tenant's value if it is fresh, else {@code load}'s, which is kept. */
    public Uni<T> get(String tenant, Function<String, Uni<T>> load) {
        Entry<T> entry = entries.get(tenant);
        if (entry != null && entry.loadedAt().plus(freshFor).isAfter(clock.instant())) {
            return Uni.createFrom().item(entry.value());
        }
        return load.apply(tenant).invoke(loaded -> put(tenant, loaded));
    }

    /** The tenant's new value, as of now. */
    public void put(String tenant, T value) {
        entries.put(tenant, new Entry<>(value, clock.instant()));
    }

    /** The next {@link #get} loads again. */
    public void forget(String tenant) {
        entries.remove(tenant);
    }
}
