package dev.churnsentinel.platform.cache;

import dev.churnsentinel.platform.ManualClock;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PerTenantTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final PerTenant<String> cache = new PerTenant<>(Duration.ofSeconds(5), clock);
    private final AtomicInteger loads = new AtomicInteger();
    private final Function<String, Uni<String>> load = tenant -> Uni.createFrom().item(tenant + "-v" + loads.incrementAndGet());

    @Test
    void aTenantsValueIsLoadedOnceWhileFreshAndAgainWhenOld() {
        assertEquals("acme-v1", cache.get("acme", load).await().indefinitely());
        clock.advance(Duration.ofSeconds(4));
        assertEquals("acme-v1", cache.get("acme", load).await().indefinitely());
        assertEquals("beta-v2", cache.get("beta", load).await().indefinitely(), "each tenant its own");
        clock.advance(Duration.ofSeconds(2));
        assertEquals("acme-v3", cache.get("acme", load).await().indefinitely(), "older than 5 s: loaded again");
    }

    @Test
    void aValueStoredHereIsUsedAtOnceAndAForgottenOneIsLoaded() {
        assertEquals("acme-v1", cache.get("acme", load).await().indefinitely());
        cache.put("acme", "acme-new");
        assertEquals("acme-new", cache.get("acme", load).await().indefinitely());
        cache.forget("acme");
        assertEquals("acme-v2", cache.get("acme", load).await().indefinitely());
    }
}
