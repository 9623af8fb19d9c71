package dev.churnsentinel.outbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayFloorTest {

    @Test
    void whenNothingRunsTheFloorFollowsTheLastMessageRead() {
        RelayFloor floor = new RelayFloor();
        floor.begin(100, 100);
        floor.committed(10, Long.MAX_VALUE); // took 1..10, all there were
        assertEquals(0, floor.floor(), "its transaction's own snapshot came before the read: the next one tells");
        floor.begin(101, 101);
        floor.committed(0, Long.MAX_VALUE);
        assertEquals(10, floor.floor());
    }

    @Test
    void aTransactionRunningWhenTheMessagesWereReadHoldsTheFloorUntilItEnds() {
        RelayFloor floor = new RelayFloor();
        floor.begin(100, 103);
        floor.committed(10, Long.MAX_VALUE); // transaction 100 holds id 5, not yet visible
        floor.begin(100, 104);
        floor.committed(0, Long.MAX_VALUE);
        assertEquals(0, floor.floor(), "transaction 100 may still commit id 5");
        floor.begin(104, 104); // 100 ended; the read that follows sees id 5 if it committed
        floor.committed(5, Long.MAX_VALUE);
        assertEquals(10, floor.floor());
    }

    @Test
    void aFullReadCoversOnlyUpToItsLastMessage() {
        RelayFloor floor = new RelayFloor();
        floor.begin(50, 60);
        floor.committed(3000, 3000);
        floor.begin(60, 61);
        floor.committed(2000, 2000); // late messages below 3000 fill a whole batch: more may wait below 3000
        assertEquals(0, floor.floor());
        floor.begin(61, 62);
        floor.committed(3500, Long.MAX_VALUE);
        assertEquals(3000, floor.floor(), "the reads ending at 2000 and 3500 wait for the snapshot after them");
        floor.begin(62, 62);
        floor.committed(0, Long.MAX_VALUE);
        assertEquals(3500, floor.floor());
    }

    @Test
    void aReadRolledBackDoesNotCount() {
        RelayFloor floor = new RelayFloor();
        floor.begin(10, 10);
        floor.committed(7, Long.MAX_VALUE);
        floor.begin(10, 12); // transaction 10 and 11 run now; this read is rolled back (Kafka was down)
        floor.begin(12, 12);
        floor.committed(0, 7); // took nothing, covered only up to 7
        assertEquals(7, floor.floor(), "the first snapshot after the read of 7 was the rolled back one's: xmax 12");
    }

    /**
     * Writers take their transaction id, then message ids, and commit or abort in any order; the relay reads the
     * smallest visible messages above its floor in small batches, its snapshot a few steps later than the one it told
     * the floor. Every committed message is read exactly once, none aborted, and the floor never passes a message that is
     * not yet read, however the steps interleave.
     */
    @Test
    void noMessageIsEverLeftBelowTheFloor() {
        for (long seed = 0; seed < 1000; seed++) {
            new Simulation(new Random(seed)).run();
        }
    }

    private static final class Simulation {
        private final Random random;
        private long nextXid = 3;
        private long nextId = 1;
        /** xid of each running transaction → ids it holds (invisible until it commits). */
        private final TreeMap<Long, List<Long>> running = new TreeMap<>();
        private final TreeMap<Long, Boolean> committedWaiting = new TreeMap<>(); // visible, not yet read
        private final Set<Long> committed = new HashSet<>();
        private final Set<Long> read = new HashSet<>();
        private final RelayFloor floor = new RelayFloor();

        Simulation(Random random) {
            this.random = random;
        }

        void run() {
            for (int step = 0; step < 400; step++) {
                int what = random.nextInt(10);
                if (what < 3) {
                    begin();
                } else if (what < 5) {
                    write();
                } else if (what < 8) {
                    end();
                } else {
                    relay(random.nextInt(4) == 0, true);
                }
                check();
            }
            while (!running.isEmpty()) {
                end();
            }
            for (int i = 0; i < 200 && !committedWaiting.isEmpty(); i++) {
                relay(false, false);
            }
            check();
            assertEquals(committed, read, "read exactly the committed messages");
        }

        private void begin() {
            running.put(nextXid++, new ArrayList<>()); // the xid comes first, then the ids (V0_4's default)
        }

        private void write() {
            if (running.isEmpty()) {
                return;
            }
            List<Long> ids = running.get(randomKey(running));
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                ids.add(nextId++);
            }
        }

        private void end() {
            if (running.isEmpty()) {
                return;
            }
            List<Long> ids = running.remove(randomKey(running));
            if (random.nextInt(5) > 0) {
                ids.forEach(id -> committedWaiting.put(id, true));
                committed.addAll(ids);
            }
        }

        private void relay(boolean rolledBack, boolean othersGoOn) {
            long xmin = running.isEmpty() ? nextXid : running.firstKey();
            floor.begin(xmin, nextXid);
            for (int i = othersGoOn ? random.nextInt(8) : 0; i > 0; i--) { // others go on between its first snapshot and its read
                switch (random.nextInt(3)) {
                    case 0 -> begin();
                    case 1 -> write();
                    default -> end();
                }
            }
            int batch = 1 + random.nextInt(4);
            List<Long> taken = new ArrayList<>();
            for (Long id : committedWaiting.tailMap(floor.floor(), false).keySet()) {
                if (taken.size() == batch) {
                    break;
                }
                taken.add(id);
            }
            if (rolledBack) {
                return;
            }
            taken.forEach(id -> {
                committedWaiting.remove(id);
                assertTrue(read.add(id), "read twice: " + id);
            });
            long last = taken.isEmpty() ? 0 : taken.get(taken.size() - 1);
            floor.committed(last, taken.size() < batch ? Long.MAX_VALUE : last);
        }

        private void check() {
            long lowestWaiting = Long.MAX_VALUE;
            if (!committedWaiting.isEmpty()) {
                lowestWaiting = committedWaiting.firstKey();
            }
            for (List<Long> ids : running.values()) {
                for (long id : ids) {
                    lowestWaiting = Math.min(lowestWaiting, id);
                }
            }
            assertTrue(floor.floor() < lowestWaiting, "floor " + floor.floor() + " passed message " + lowestWaiting);
        }

        private long randomKey(TreeMap<Long, ?> map) {
            List<Long> keys = new ArrayList<>(map.keySet());
            return keys.get(random.nextInt(keys.size()));
        }
    }
}
