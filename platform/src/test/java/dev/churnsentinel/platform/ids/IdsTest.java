package dev.churnsentinel.platform.ids;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    @Test
    void idsAreVersion7UuidsThatIncreaseInTheOrderPostgresqlSortsThem() {
        long before = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) { // many per millisecond
            ids.add(Ids.timeOrdered().toString());
        }
        long after = System.currentTimeMillis();
        for (int i = 1; i < ids.size(); i++) {
            // PostgreSQL compares uuids byte by byte: the order of their lower-case hex text
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " then " + ids.get(i));
        }
        Set<String> distinct = new HashSet<>(ids);
        assertEquals(ids.size(), distinct.size());
        UUID first = UUID.fromString(ids.get(0));
        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        long millis = first.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "the first 48 bits are the time of creation: " + millis);
    }

    @Test
    void idsMadeOnManyThreadsAtOnceAreDistinct() throws InterruptedException {
        Set<UUID> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    ids.add(Ids.timeOrdered());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(200_000, ids.size());
    }
}
