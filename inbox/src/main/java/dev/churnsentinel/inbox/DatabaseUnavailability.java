package dev.churnsentinel.inbox;

import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.platform.problem.Unavailability;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A request that failed because PostgreSQL cannot work right now (not reachable, restarting, out of connections, a
 * deadlock: what {@link RecordFaults#transientFailure} tells) is answered 503 with Retry-After, so that a client tries it
 * again; with the same {@code externalId} a retry is applied once.
 */
@ApplicationScoped
public class DatabaseUnavailability implements Unavailability {
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public ProblemException unavailable(Throwable failure) {
        return RecordFaults.transientFailure(failure) ? ProblemException.unavailable(
                "the service cannot reach its database right now; try again in " + RETRY_AFTER_SECONDS + " s",
                RETRY_AFTER_SECONDS) : null;
    }
}
