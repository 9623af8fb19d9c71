package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.platform.problem.Unavailability;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A failure of unknown kind while the database answers is a fault, a 500 with a reference to quote, not a 503 that
 * would have the client send the same request forever.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class UnexpectedFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Unavailability unavailability;

    @Test
    void aFailureOfAnotherKindWhileTheDatabaseAnswersIsNotAnUnavailability() {
        assertNull(unavailability.unavailable(new IllegalStateException("a bug")).await().atMost(WAIT));
        assertNull(unavailability.unavailable(new PgException("value too long", "ERROR", "22001", null)).await().atMost(WAIT));
    }

    @Test
    void aFailureThatSaysTheDatabaseIsAwayIsOneEvenWhileItAnswers() {
        assertEquals(503, unavailability.unavailable(new PgException("the database system is starting up", "FATAL",
                "57P03", null)).await().atMost(WAIT).problem().status());
    }
}
