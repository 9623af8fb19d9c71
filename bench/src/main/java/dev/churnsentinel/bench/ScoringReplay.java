package dev.churnsentinel.bench;

import dev.churnsentinel.proto.events.v1.EventReceived;
import dev.churnsentinel.proto.events.v1.FeedbackReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Random;

/**
 * Replays ingested records through the real scoring-service of the running local stack: puts {@code count} records
 * on churnsentinel.ingest.v1 as ingestion would (visits, appointments, tickets, outreach for {@code customers}
 * customers; {@code feedbackShare} of them Chinese feedback, which scoring sends to text-signal over gRPC), and
 * measures how long scoring takes to apply them all. Then removes what it wrote, and the tasks its tier changes opened
 * in intervention for tenant {@code bench} ({@link RunCleanup}).
 *
 * <p>Scoring applies each partition's records in order, a poll at a time in one transaction, so the run is through
 * once the last record sent to every partition is in scoring's processed-record table: the progress check looks up a
 * handful of ids by primary key. (Counting the run's ids instead scans the whole table every time: on a stack that has
 * ingested a million records that took a third of a core from the database under test.) The applied count is then
 * taken once, exactly.
 */
public final class ScoringReplay {
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:15432/postgres";
    private static final String PREFIX = "bench-replay-";
    private static final String[] TYPES = {"SERVICE_VISIT", "APPOINTMENT_BOOKED", "APPOINTMENT_KEPT", "OUTREACH_SENT",
            "OUTREACH_RESPONDED", "LOGIN", "EMAIL_OPENED", "TICKET_OPENED", "TICKET_RESOLVED", "PURCHASE"};
    private static final String[] TEXTS = {"师傅很专业，服务态度好，下次还来。", "等了两个小时还没修好，太失望了。",
            "价格有点贵，考虑换一家试试。", "保养很及时，挺满意的。", "合同到期就不续了，服务太差。"};

    private ScoringReplay() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        double feedbackShare = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        if (warmUp > 0) {
            System.out.printf("warming up (not measured): %,d records%n", warmUp);
            replay(warmUp, customers, feedbackShare);
        }
        replay(count, customers, feedbackShare);
    }

    /** One run: its own customers, put on Kafka, timed until scoring applied them all, then removed. */
    private static void replay(int count, int customers, double feedbackShare) throws Exception {
        Random random = new Random(7);
        String run = PREFIX + System.currentTimeMillis() + "-";
        OffsetDateTime start = OffsetDateTime.now().minusDays(365);
        long started = System.nanoTime();
        Map<Integer, long[]> lastByPartition = new java.util.concurrent.ConcurrentHashMap<>(); // partition → {offset, index}
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:19092",
                "linger.ms", 5, "batch.size", 262_144), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String customer = run + "c" + random.nextInt(customers);
                OffsetDateTime at = start.plusMinutes(i);
                IngestRecord.Builder record = IngestRecord.newBuilder().setId(run + i).setTenant("bench")
                        .setCustomerId(customer).setAcceptedAt(at.toString());
                if (random.nextDouble() < feedbackShare) {
                    record.setFeedback(FeedbackReceived.newBuilder().setFeedbackId(run + "f" + i).setExternalId(run + "f" + i)
                            .setChannel("SURVEY").setOccurredAt(at.toString()).setText(TEXTS[random.nextInt(TEXTS.length)])
                            .setSatisfaction(4 + random.nextInt(7)));
                } else {
                    String type = TYPES[random.nextInt(TYPES.length)];
                    EventReceived.Builder event = EventReceived.newBuilder().setEventId(run + "e" + i).setType(type)
                            .setOccurredAt(at.toString());
                    if (type.equals("SERVICE_VISIT") || type.equals("PURCHASE")) {
                        event.setAmount(300 + random.nextInt(1500));
                    }
                    record.setEvent(event);
                }
                long index = i;
                producer.send(new ProducerRecord<>("churnsentinel.ingest.v1", "bench/" + customer, record.build().toByteArray()),
                        (sent, failed) -> {
                            if (failed != null) {
                                throw new IllegalStateException("could not put a record on Kafka", failed);
                            }
                            lastByPartition.merge(sent.partition(), new long[] {sent.offset(), index},
                                    (known, next) -> next[0] > known[0] ? next : known);
                        });
            }
        }
        double sent = (System.nanoTime() - started) / 1e9;
        System.out.printf("put %,d records (%,d customers, %.0f%% feedback) on Kafka in %.1f s%n", count, customers,
                feedbackShare * 100, sent);
        try (Connection db = DriverManager.getConnection(JDBC, "postgres", "postgres")) {
            String[] lastIds = lastByPartition.values().stream().map(last -> run + last[1]).toArray(String[]::new);
            long deadline = System.nanoTime() + 600_000_000_000L;
            try (PreparedStatement through = db.prepareStatement(
                    "select count(*) from scoring.processed_record where record_id = any(?)")) {
                through.setArray(1, db.createArrayOf("text", lastIds));
                long partitionsThrough = 0;
                while (partitionsThrough < lastIds.length && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    try (ResultSet rows = through.executeQuery()) {
                        rows.next();
                        partitionsThrough = rows.getLong(1);
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long applied;
            try (Statement query = db.createStatement();
                 ResultSet rows = query.executeQuery("select count(*) from scoring.processed_record where record_id like '"
                         + run + "%'")) {
                rows.next();
                applied = rows.getLong(1);
            }
            System.out.printf("scoring applied %,d of %,d records in %.1f s: %,.0f records/s end to end (Kafka → scoring "
                    + "→ PostgreSQL, gRPC to text-signal for feedback)%n", applied, count, seconds, applied / seconds);
            // its customers everywhere, the tasks their tier changes opened in intervention too (and what earlier runs
            // that did not finish left behind: the prefix is every replay's)
            RunCleanup.processedRecords(db, PREFIX);
            RunCleanup.customers(db, "bench", PREFIX);
        }
    }
}
