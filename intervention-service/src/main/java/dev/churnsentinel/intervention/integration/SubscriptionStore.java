package dev.churnsentinel.intervention.integration;

import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.cache.PerTenant;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The subscription table: every query of it. A tenant's subscriptions are read on every event, so kept briefly. */
@ApplicationScoped
public class SubscriptionStore {
    private static final Duration FRESH_FOR = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The subscription list's order: oldest first. */
    public static final Keyset<Subscription> OLDEST_FIRST = Keyset.of("createdAt",
            Keyset.Column.asc("createdAt", Keyset.Type.TIME, s -> s.createdAt), Keyset.Column.asc("id", Keyset.Type.UUID, s -> s.id));

    private final PerTenant<List<Subscription>> cache = new PerTenant<>(FRESH_FOR);

    /** A new subscription with a fresh secret (shown to its creator once). */
    @WithTransaction
    public Uni<Subscription> create(String tenant, String url, Set<String> events, String description, String by) {
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.tenant = tenant;
        s.url = url;
        s.events = String.join(",", events);
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        s.secret = "whsec_" + HexFormat.of().formatHex(secret);
        s.description = description;
        s.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        s.createdBy = by;
        return s.<Subscription>persist().invoke(() -> cache.forget(tenant));
    }

    @WithSession
    public Uni<Subscription> find(String tenant, UUID id) {
        return Subscription.<Subscription>find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    @WithSession
    public Uni<List<Subscription>> page(String tenant, String after, Map<String, Object> position, int max) {
        Map<String, Object> parameters = new HashMap<>(position);
        parameters.put("tenant", tenant);
        return Subscription.<Subscription>find("from Subscription where tenant = :tenant" + after + " order by "
                + OLDEST_FIRST.orderBy(), parameters).page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> count(String tenant) {
        return Subscription.count("tenant", tenant);
    }

    /** Removes the subscription and its deliveries; false when the tenant has no such subscription. */
    @WithTransaction
    public Uni<Boolean> delete(String tenant, UUID id) {
        return Subscription.delete("tenant = ?1 and id = ?2", tenant, id).invoke(() -> cache.forget(tenant)).map(n -> n > 0);
    }

    /** The tenant's subscriptions, in the caller's session. */
    public Uni<List<Subscription>> of(String tenant) {
        return cache.get(tenant, t -> Subscription.<Subscription>list("tenant", t));
    }
}
