package dev.churnsentinel.inbox;

import dev.churnsentinel.platform.problem.ProblemException;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A request that failed because the database cannot work right now is a 503 to try again, not a 500. Here the
 * database is away (a loopback port nothing listens on); that a failure of another kind is a 500 while the database
 * answers is ingestion's {@code UnexpectedFailureTest}.
 */
class DatabaseUnavailabilityTest {
    private static Vertx vertx;
    private static Pool away;
    private static DatabaseUnavailability unavailability;

    @BeforeAll
    static void databaseAway() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        vertx = Vertx.vertx();
        away = PgPool.pool(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(closedPort)
                .setUser("postgres").setPassword("postgres"), new PoolOptions().setMaxSize(1));
        unavailability = new DatabaseUnavailability(away);
    }

    @AfterAll
    static void close() {
        away.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void aFailureThatSaysTheDatabaseIsAwayIsA503WithRetryAfter() {
        ProblemException answer = answer(new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432")));
        assertEquals(503, answer.problem().status());
        assertEquals(5, answer.retryAfterSeconds());
        assertEquals(503, answer(new PgException("the database system is shutting down", "FATAL", "57P03", null))
                .problem().status());
    }

    @Test
    void aFailureOfAnotherKindWhileTheDatabaseDoesNotAnswerIsA503Too() {
        assertEquals(503, answer(new IllegalStateException("Timeout waiting for connection")).problem().status());
        assertEquals(503, answer(new PgException("value too long", "ERROR", "22001", null)).problem().status());
    }

    private static ProblemException answer(Throwable failure) {
        return unavailability.unavailable(failure).await().atMost(Duration.ofSeconds(10));
    }
}
