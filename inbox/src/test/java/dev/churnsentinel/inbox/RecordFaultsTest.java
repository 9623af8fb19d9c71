package dev.churnsentinel.inbox;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures say nothing about the record, wherever in the cause chain they sit. */
class RecordFaultsTest {
    private static PgException pg(String state) {
        return new PgException("m", "ERROR", state, null);
    }

    @Test
    void aDatabaseThatCannotWorkNowIsNotTheRecordsFault() {
        for (String state : new String[] {"57P01", "57P03", "08006", "08001", "53300", "53100", "58030", "40001", "40P01",
                "55P03"}) {
            assertTrue(RecordFaults.transientFailure(pg(state)), state);
            assertTrue(RecordFaults.transientFailure(new CompletionException(new IllegalStateException(pg(state)))), state);
        }
        assertTrue(RecordFaults.transientFailure(new SQLException("terminating connection", "57P01")));
        assertTrue(RecordFaults.transientFailure(new IllegalStateException(new ConnectException("refused"))));
        assertTrue(RecordFaults.transientFailure(ClosedConnectionException.INSTANCE));
    }

    @Test
    void whatTheRecordCarriedIsItsOwnFault() {
        for (String state : new String[] {"23505", "23502", "22001", "22P02", "42703", "P0001"}) {
            assertFalse(RecordFaults.transientFailure(pg(state)), state);
        }
        assertFalse(RecordFaults.transientFailure(new IllegalArgumentException("not a TierChanged")));
        assertFalse(RecordFaults.transientFailure(new RuntimeException("could not convert", new ArithmeticException())));
        assertFalse(RecordFaults.transientFailure(new NullPointerException()));
    }

    @Test
    void aUniqueViolationIsTriedAgainForItMayBeAConcurrentWriters() {
        assertTrue(RecordFaults.mayPassOnRetry(new CompletionException(new IllegalStateException(pg("23505")))));
        assertTrue(RecordFaults.mayPassOnRetry(new SQLException("duplicate key", "23505")));
        assertTrue(RecordFaults.mayPassOnRetry(pg("40001")));
        for (String state : new String[] {"23502", "22001", "22P02", "42703", "P0001"}) {
            assertFalse(RecordFaults.mayPassOnRetry(pg(state)), state);
        }
        assertFalse(RecordFaults.mayPassOnRetry(new NullPointerException()));
    }
}
