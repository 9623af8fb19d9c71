package dev.churnsentinel.platform.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/**
 * Works through the rows that are due, a batch at a time: each batch is claimed ({@code FOR UPDATE SKIP LOCKED}, so
 * replicas share the work instead of repeating it) and handled in one transaction, and batches follow until one comes
 * back short. Blocking: call it off the event loop.
 */
public final class SkipLockedDrain {

    /** How many rows were handled, and what stopped the drain early (null when it ran dry). */
    public record Drained(int count, Throwable failure) {
    }

    private SkipLockedDrain() {
    }

    /**
     * @param due        a native query of {@code type} (an entity, or a column such as its id) ending in
     *                   {@code limit ... for update skip locked}, of at most
     *                   {@code batch} rows
     * @param parameters bound to {@code ?1}, {@code ?2}, ... in order
     * @param handle     what is done with a batch, in its transaction
     */
    public static <E> Drained drain(String due, Class<E> type, List<Object> parameters, int batch,
                                    Function<List<E>, Uni<?>> handle) {
        int count = 0;
        try {
            int claimed;
            do {
                claimed = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> {
                            var query = session.createNativeQuery(due, type);
                            for (int i = 0; i < parameters.size(); i++) {
                                query.setParameter(i + 1, parameters.get(i));
                            }
                            return query.getResultList();
                        })
                        .flatMap(rows -> handle.apply(rows).replaceWith(rows.size()))));
                count += claimed;
            } while (claimed == batch);
            return new Drained(count, null);
        } catch (Throwable e) {
            return new Drained(count, e);
        }
    }
}
