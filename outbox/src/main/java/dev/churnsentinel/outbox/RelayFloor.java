package dev.churnsentinel.outbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The highest outbox id below which no message will ever wait again, so that the relay reads from there and not from
 * the start of the table. Plain Java, no database: the relay tells it what each transaction saw. Not thread-safe but for
 * {@link #floor()}, which any thread may read.
 *
 * <p>Why it is needed: the relay deletes what it sends, and the deleted rows stay in the primary key until vacuum
 * removes them; a relay reading "the smallest ids" from the start stepped over all of them, again in every batch
 * (tens of thousands under load, each a heap visit). It cannot simply go on from the last id it sent: a transaction
 * that took a smaller id may commit later (a late message), and must still be sent.
 *
 * <p>The rule: a message's id is taken only once its transaction has a transaction id (xid) of its own (the id column's
 * default, see the migration {@code V0_4}). So every transaction holding an id up to {@code id} had its xid before any
 * snapshot that saw {@code id}, hence below that snapshot's {@code xmax}. Once a later snapshot's {@code xmin} (the
 * oldest transaction still running) reaches that {@code xmax}, every message up to {@code id} is committed or never
 * will be; once a read that started after that moment has taken everything visible up to {@code id}, none is left
 * there, and the floor moves to {@code id}.
 */
final class RelayFloor {
    /** A read's highest id, and the {@code xmax} of the first snapshot taken after it (0 until then). */
    private static final class Read {
        final long lastId;
        long xmaxAfter;

        Read(long lastId) {
            this.lastId = lastId;
        }
    }

    /** More reads than this waiting for old transactions to end are forgotten (the floor then moves less: safe). */
    static final int MAX_WAITING = 1000;

    private final Deque<Read> waiting = new ArrayDeque<>();
    /** Changed by the relay's thread only; volatile so that others may read it ({@link #floor()}). */
    private volatile long floor;
    private long xminAtBegin;

    /** Every message that may still be sent has an id above this. */
    long floor() {
        return floor;
    }

    /**
     * A relay transaction begins: {@code xmin} and {@code xmax} of a snapshot taken before its read. It is the first
     * snapshot after the previous read.
     */
    void begin(long xmin, long xmax) {
        Read last = waiting.peekLast();
        if (last != null && last.xmaxAfter == 0) {
            last.xmaxAfter = xmax;
        }
        xminAtBegin = xmin;
    }

    /**
     * The read of the transaction begun last committed: it took every visible message above the floor up to
     * {@code coveredUpTo} ({@link Long#MAX_VALUE} when it took fewer than it asked for: all there were), the highest of
     * them {@code lastId} (0 when none).
     */
    void committed(long lastId, long coveredUpTo) {
        for (Iterator<Read> reads = waiting.iterator(); reads.hasNext(); ) {
            Read read = reads.next();
            if (read.xmaxAfter != 0 && read.xmaxAfter <= xminAtBegin && read.lastId <= coveredUpTo) {
                floor = Math.max(floor, read.lastId);
                reads.remove();
            }
        }
        if (lastId > floor && waiting.size() < MAX_WAITING) {
            waiting.addLast(new Read(lastId));
        }
    }
}
