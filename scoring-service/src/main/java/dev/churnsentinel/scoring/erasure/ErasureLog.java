package dev.churnsentinel.scoring.erasure;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The table {@code erasure}: the erasures scoring applied, one row each, keyed by the erasure id and without the
 * customer. Claimed first in the transaction that erases, so an erasure delivered again (under the same record id or
 * another) changes nothing; its counts are written last, as the step announces them.
 */
@ApplicationScoped
public class ErasureLog {
    private static final String CLAIM = "insert into erasure (erasure_id, tenant, requested_at, done_at) "
            + "values (?1, ?2, ?3, ?4) "
            + "on conflict (erasure_id) do nothing returning erasure_id";
    private static final String COUNTS = "update erasure set counts = ?2 where erasure_id = ?1";

    /** Claims the erasure in the caller's transaction: true when it was not applied before. */
    public Uni<Boolean> claim(ErasureRequest request, Instant doneAt) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM, String.class)
                .setParameter(1, request.erasureId()).setParameter(2, request.tenant())
                .setParameter(3, request.requestedAt() == null ? null : request.requestedAt().atOffset(ZoneOffset.UTC))
                .setParameter(4, doneAt.atOffset(ZoneOffset.UTC)).getResultList()).map(claimed -> !claimed.isEmpty());
    }

    /** Keeps what the erasure removed or re-keyed (a JSON object of counts), in the caller's transaction. */
    public Uni<Void> counts(String erasureId, String counts) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(COUNTS).setParameter(1, erasureId)
                .setParameter(2, counts).executeUpdate()).replaceWithVoid();
    }
}
