package dev.churnsentinel.platform.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * New entities of a unit of work (a poll of records), handed to its Hibernate Reactive session at the end of the work
 * grouped by type, in the order each type first came, so that its flush sends each table's inserts as one run of JDBC
 * batches: Hibernate batches consecutive inserts of one statement only, and a poll that persists a task, its audit entry
 * and its notification per change in turn would otherwise send one statement at a time.
 *
 * <p>{@code hibernate.order_inserts} groups them too, but Hibernate Reactive 3.2 sorts with one sorter shared by every
 * session: two sessions flushing at the same moment on two event loops mix their inserts (a row inserted twice, a
 * {@code ConcurrentModificationException}, "possible non-threadsafe access to session"; hibernate-reactive#2797).
 *
 * <p>Outside {@link #around} (a REST command, an escalation) {@link #persist} persists at once. Inside it, a query of
 * the same work does not see the entities deferred so far: the work must not read back what it persisted.
 */
public final class GroupedInserts {
    private static final String KEY = "sentinel.grouped-inserts";

    private GroupedInserts() {
    }

    /**
     * Runs {@code work} (in the caller's session and transaction, on its Vert.x context) deferring what it persists, then
     * persists that grouped by type. Within another {@code around}, the outer one persists.
     */
    public static <T> Uni<T> around(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        if (context == null || context.getLocal(KEY) != null) {
            return Uni.createFrom().deferred(work::get);
        }
        Map<Class<?>, List<Object>> pending = new LinkedHashMap<>();
        context.putLocal(KEY, pending);
        return Uni.createFrom().<T>deferred(work::get)
                .call(() -> pending.isEmpty() ? Uni.createFrom().voidItem() : Panache.getSession().chain(session ->
                        session.persistAll(pending.values().stream().flatMap(List::stream).toArray())))
                .eventually(() -> context.removeLocal(KEY));
    }

    /** Persists {@code entity} now, or at the end of the {@link #around} it is part of. */
    public static Uni<Void> persist(Object entity) {
        return persist(List.of(entity));
    }

    /** Persists {@code entities} now, or at the end of the {@link #around} they are part of. */
    public static Uni<Void> persist(Collection<?> entities) {
        Context context = Vertx.currentContext();
        Map<Class<?>, List<Object>> pending = context == null ? null : context.getLocal(KEY);
        if (pending == null) {
            return Panache.getSession().chain(session -> session.persistAll(entities.toArray()));
        }
        entities.forEach(entity -> pending.computeIfAbsent(entity.getClass(), type -> new ArrayList<>()).add(entity));
        return Uni.createFrom().voidItem();
    }
}
