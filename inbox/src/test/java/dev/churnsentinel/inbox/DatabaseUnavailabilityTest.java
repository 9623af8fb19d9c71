package dev.churnsentinel.inbox;

import dev.churnsentinel.platform.problem.ProblemException;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A request that failed because the database cannot work right now is a 503 to try again, not a 500. */
class DatabaseUnavailabilityTest {
    private final DatabaseUnavailability unavailability = new DatabaseUnavailability();

    @Test
    void aDatabaseAwayIsA503WithRetryAfter() {
        ProblemException answer = unavailability.unavailable(
                new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432")));
        assertEquals(503, answer.problem().status());
        assertEquals(5, answer.retryAfterSeconds());
        assertEquals(503, unavailability.unavailable(new PgException("the database system is shutting down", "FATAL",
                "57P03", null)).problem().status());
    }

    @Test
    void anyOtherFailureIsNotOne() {
        assertNull(unavailability.unavailable(new PgException("value too long", "ERROR", "22001", null)));
        assertNull(unavailability.unavailable(new IllegalStateException("a bug")));
    }
}
