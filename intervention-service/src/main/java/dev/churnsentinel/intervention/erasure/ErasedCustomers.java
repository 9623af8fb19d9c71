package dev.churnsentinel.intervention.erasure;

import dev.churnsentinel.intervention.customer.CustomerKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The erased_customer table: the customers erased lately, by tenant and the SHA-256 of their id, and when each erasure
 * was requested. Also the per-customer locks that keep an erasure and a poll of tier changes of the same customer
 * apart, so a change read before the erasure committed cannot open a task after it.
 */
@ApplicationScoped
public class ErasedCustomers {
    /** Takes one advisory lock per customer for the transaction, in a fixed order (so two takers never deadlock). */
    private static final String LOCK = "select count(*) from (select pg_advisory_xact_lock%s(k) from (select distinct "
            + "hashtextextended(t || '/' || c, 0) as k from unnest(cast(?1 as text[]), cast(?2 as text[])) as x(t, c) "
            + "order by 1) as ordered) as locked";

    /** The SHA-256 of a customer id, in hexadecimal: how the table knows an erased customer. */
    public static String hash(String customerId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(customerId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Locks the customers against their erasure, until the caller's transaction ends (a poll of tier changes). */
    public Uni<Void> lockShared(Collection<CustomerKey> customers) {
        return lock(customers, "_shared");
    }

    /** Locks the customers against tier changes being applied, until the caller's transaction ends (an erasure). */
    public Uni<Void> lockExclusive(Collection<CustomerKey> customers) {
        return lock(customers, "");
    }

    private static Uni<Void> lock(Collection<CustomerKey> customers, String mode) {
        if (customers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> tenants = new ArrayList<>(), ids = new ArrayList<>();
        new LinkedHashSet<>(customers).forEach(key -> {
            tenants.add(key.tenant());
            ids.add(key.customerId());
        });
        return Panache.getSession().flatMap(session -> session.createNativeQuery(LOCK.formatted(mode), Long.class)
                .setParameter(1, tenants.toArray(String[]::new)).setParameter(2, ids.toArray(String[]::new))
                .getSingleResult()).replaceWithVoid();
    }

    /**
     * Records the erasure in the caller's transaction; false when it was recorded before (the same erasure delivered
     * again, under another record id).
     */
    public Uni<Boolean> record(String erasureId, CustomerKey customer, OffsetDateTime requestedAt) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("insert into erased_customer (erasure_id, "
                                + "tenant, customer_hash, requested_at) values (?1, ?2, ?3, ?4) on conflict do nothing "
                                + "returning erasure_id", String.class)
                        .setParameter(1, erasureId).setParameter(2, customer.tenant())
                        .setParameter(3, hash(customer.customerId())).setParameter(4, requestedAt).getResultList())
                .map(inserted -> !inserted.isEmpty());
    }

    /** When each of the given customers that was erased lately asked for it (the latest request), in one query. */
    public Uni<Map<CustomerKey, Instant>> requestedAt(Collection<CustomerKey> customers) {
        if (customers.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, CustomerKey> byHash = new HashMap<>();
        List<String> tenants = new ArrayList<>(), hashes = new ArrayList<>();
        for (CustomerKey key : new LinkedHashSet<>(customers)) {
            String hash = hash(key.customerId());
            byHash.put(key.tenant() + "/" + hash, key);
            tenants.add(key.tenant());
            hashes.add(hash);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select e.tenant, e.customer_hash, "
                                + "max(e.requested_at) from erased_customer e join unnest(cast(?1 as text[]), cast(?2 as text[])) "
                                + "as x(t, h) on e.tenant = x.t and e.customer_hash = x.h group by 1, 2", Object[].class)
                        .setParameter(1, tenants.toArray(String[]::new)).setParameter(2, hashes.toArray(String[]::new))
                        .getResultList())
                .map(rows -> {
                    Map<CustomerKey, Instant> erased = new HashMap<>();
                    for (Object[] row : rows) {
                        erased.put(byHash.get(row[0] + "/" + row[1]), instant(row[2]));
                    }
                    return erased;
                });
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Instant time) {
            return time;
        }
        if (value instanceof java.time.LocalDateTime time) {
            return time.toInstant(java.time.ZoneOffset.UTC);
        }
        return ((java.util.Date) value).toInstant();
    }

    /** Forgets up to {@code max} erasures recorded before {@code before}; how many. */
    public static int prune(Connection connection, Instant before, int max) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from erased_customer where erasure_id in "
                + "(select erasure_id from erased_customer where erased_at < ? order by erased_at limit ?)")) {
            delete.setTimestamp(1, Timestamp.from(before));
            delete.setInt(2, max);
            return delete.executeUpdate();
        }
    }
}
