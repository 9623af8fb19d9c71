package dev.churnsentinel.platform.problem;

import io.smallrye.mutiny.Uni;

/**
 * Tells a failure that says the service cannot work right now (its database away or restarting) from a fault: such a
 * request is answered 503 with a Retry-After, which clients try again, instead of 500. A module that knows such
 * failures provides one as a bean; without one, every unexpected failure is a 500.
 */
public interface Unavailability {
    /** The 503 to answer {@code failure} with, or a null item when it is not one of these. */
    Uni<ProblemException> unavailable(Throwable failure);
}
