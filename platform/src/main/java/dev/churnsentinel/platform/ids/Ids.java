package dev.churnsentinel.platform.ids;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.util.UUID;

/**
 * Ids of things created at a high rate whose id is the key of a large, ever-growing index (accepted items, ingest
 * records, tier changes): time-ordered UUIDs (version 7: milliseconds since the epoch, then random bits, increasing
 * within a millisecond too). A new key lands at the right edge of the index, where its pages are already cached,
 * instead of on a random page of an index that no longer fits in memory (random UUIDs: every insert a page read,
 * and after each checkpoint a full-page image in the WAL). Still a UUID to every client, and as hard to guess.
 */
public final class Ids {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID timeOrdered() {
        return GENERATOR.generate();
    }
}
