package dev.churnsentinel.inbox;

import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.platform.problem.Unavailability;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A request that failed because PostgreSQL cannot work right now is answered 503 with Retry-After, so that a client
 * tries it again; with the same {@code externalId} a retry is applied once. Such a failure is one that
 * {@link RecordFaults#transientFailure} tells (not reachable, restarting, out of connections, a deadlock), or one of
 * any other kind while the database does not answer a trivial query: the client's connections break in more ways than
 * it has exception types for (a connection closed under a statement, a wait for a free one that timed out).
 */
@ApplicationScoped
public class DatabaseUnavailability implements Unavailability {
    static final int RETRY_AFTER_SECONDS = 5;

    private final Pool pool;

    public DatabaseUnavailability(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<ProblemException> unavailable(Throwable failure) {
        Uni<Boolean> away = RecordFaults.transientFailure(failure) ? Uni.createFrom().item(true)
                : RecordFaults.databaseAnswers(pool).map(answers -> !answers);
        return away.map(unavailable -> unavailable ? ProblemException.unavailable(
                "the service cannot reach its database right now; try again in " + RETRY_AFTER_SECONDS + " s",
                RETRY_AFTER_SECONDS) : null);
    }
}
