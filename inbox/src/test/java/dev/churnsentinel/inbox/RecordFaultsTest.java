package dev.churnsentinel.inbox;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.ConcurrentModificationException;
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
        assertTrue(RecordFaults.transientFailure(new SocketException("Connection reset")));
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

    @Test
    void aFailureMetThroughAnothersStatementOrSessionIsTriedAgain() {
        assertTrue(RecordFaults.collateral(new CompletionException(new IllegalStateException(pg("25P02")))));
        assertTrue(RecordFaults.collateral(new SQLException("current transaction is aborted", "25P02")));
        assertTrue(RecordFaults.collateral(new CompletionException(new ConcurrentModificationException())));
        assertTrue(RecordFaults.collateral(new IllegalStateException(
                "Illegal pop() with non-matching JdbcValuesSourceProcessingState")));
        assertTrue(RecordFaults.collateral(new CompletionException(new IllegalStateException(
                "HR000069: Detected use of the reactive Session from a different Thread"))));
        assertTrue(RecordFaults.mayPassOnRetry(new SQLException("current transaction is aborted", "25P02")));
        assertFalse(RecordFaults.transientFailure(new SQLException("current transaction is aborted", "25P02")),
                "the database works: tried a few times, not waited for");
    }

    @Test
    void aFailureOfTheRecordsOwnIsNotCollateral() {
        for (String state : new String[] {"23505", "23502", "22001", "22P02", "42703", "P0001", "57P01"}) {
            assertFalse(RecordFaults.collateral(pg(state)), state);
        }
        assertFalse(RecordFaults.collateral(new IllegalStateException("tier change t-1 has no tier")));
        assertFalse(RecordFaults.collateral(new IllegalArgumentException("Illegal pop() of an argument")));
        assertFalse(RecordFaults.collateral(new NullPointerException()));
    }
}
