package dev.churnsentinel.bench;

import dev.churnsentinel.proto.events.v1.Signal;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.proto.events.v1.TierChanged;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast intervention-service applies a backlog of tier changes, as after an outage or a bulk import: puts
 * {@code changes} {@code TierChanged} records straight on churnsentinel.tier-changes.v1 as scoring would (key
 * {@code tenant/customerId}; each a new customer of tenant demo turning RED, with its signals and evidence, no profile
 * known), as fast as the producer goes, and measures from the first record sent until every customer has its task and
 * the consumer group {@code intervention-service} has committed the whole topic. Each task also queues an e-mail, which
 * the dispatcher sends meanwhile, on the same cores. Optionally {@code warmUp} changes are applied first, unmeasured (a
 * freshly started JVM runs its hot code slowly until it is compiled). Each run's customers are removed afterwards
 * ({@link RunCleanup}), once their e-mails are out.
 *
 * <p>Intervention applies each partition's records in order, so the changes are all applied once the last customer sent
 * to every partition has a task: the progress check looks up a handful of customers through the open-task index, and
 * the run's tasks are counted once at the end, exactly.
 * Usage: {@code InterventionCatchUp [CHANGES=30000] [WARM_UP=5000]}.
 */
public final class InterventionCatchUp {
    private static final String TENANT = "demo";
    private static final String TOPIC = "churnsentinel.tier-changes.v1";
    private static final String GROUP = "intervention-service";
    private static final String EVIDENCE = "价格太贵了，我们下个月解约。";
    private static final Duration LIMIT = Duration.ofMinutes(5);
    /** The longest wait for a run's e-mails to be sent before its customers are removed. */
    private static final Duration EMAIL_LIMIT = Duration.ofMinutes(2);

    private InterventionCatchUp() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        try (Connection db = DriverManager.getConnection(IngestLoad.JDBC, "postgres", "postgres");
             Backlog backlog = new Backlog()) {
            if (warmUp > 0) {
                System.out.printf("warming up (not measured): %,d tier changes%n", warmUp);
                catchUp(db, backlog, "catchup-warm-", warmUp);
            }
            catchUp(db, backlog, "catchup-", changes);
        }
    }

    /** One run: its own customers, their tier changes put on Kafka, timed until intervention applied them all, then removed. */
    private static void catchUp(Connection db, Backlog backlog, String kind, int count) throws Exception {
        String run = kind + UUID.randomUUID().toString().substring(0, 8) + "-";
        settle(backlog);
        try {
            measure(db, backlog, run, count);
            // the next run should not share the cores with this one's e-mails
            long waiting = backlog.notificationsWaiting();
            long began = System.nanoTime();
            while (waiting > 0 && System.nanoTime() - began < EMAIL_LIMIT.toNanos()) {
                Thread.sleep(500);
                waiting = backlog.notificationsWaiting();
            }
            System.out.printf(Locale.ROOT, "  e-mails waiting to be sent: %,d, %.0f s after the tasks were counted%n", waiting,
                    (System.nanoTime() - began) / 1e9);
        } finally {
            RunCleanup.processedRecords(db, run);
            RunCleanup.customers(db, TENANT, run);
        }
    }

    static void measure(Connection db, Backlog backlog, String run, int count) throws Exception {
        Instant runStart = Instant.now();
        String changedAt = OffsetDateTime.now().toString();
        Map<Integer, Integer> lastByPartition = new ConcurrentHashMap<>(); // partition → index of its last change
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:19092",
                "linger.ms", 5, "batch.size", 262_144), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String customer = run + i;
                // what scoring announces for a new customer who says they cancel (HealthService.announce)
                TierChanged change = TierChanged.newBuilder().setId(run + "change-" + i).setTenant(TENANT)
                        .setCustomerId(customer).setPreviousTier(Tier.GREEN).setTier(Tier.RED).setRiskScore(90.0)
                        .setStage("DECIDED").setChangedAt(changedAt)
                        .addSignals(Signal.newBuilder().setCode("HIGH_RISK_KEYWORD").setDetail("said \"解约\""))
                        .addSignals(Signal.newBuilder().setCode("HIGH_RISK_KEYWORD").setDetail("said \"太贵\""))
                        .addEvidence(EVIDENCE).setPriceSensitive(true).setModelVersion(1).setProfileKnown(false)
                        .build();
                int index = i;
                producer.send(new ProducerRecord<>(TOPIC, TENANT + "/" + customer, change.toByteArray()), (sent, failed) -> {
                    if (failed != null) {
                        throw new IllegalStateException("could not put a record on Kafka", failed);
                    }
                    lastByPartition.merge(sent.partition(), index, Math::max);
                });
            }
        }
        double produced = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "put %,d tier changes on %s in %.1f s (%,.0f/s)%n", count, TOPIC, produced,
                count / produced);

        long deadline = started + LIMIT.toNanos();
        String[] lastCustomers = lastByPartition.values().stream().map(index -> run + index).toArray(String[]::new);
        try (PreparedStatement through = db.prepareStatement("select count(*) from intervention.task where tenant = ? "
                + "and customer_id = any(?) and status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS')")) {
            through.setString(1, TENANT);
            through.setArray(2, db.createArrayOf("text", lastCustomers));
            while (number(through) < lastCustomers.length && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        double applied = (System.nanoTime() - started) / 1e9;
        long tasks;
        long customers;
        double openedSpan;
        try (PreparedStatement query = db.prepareStatement("select count(*), count(distinct customer_id), "
                + "extract(epoch from max(created_at) - min(created_at)) from intervention.task "
                + "where tenant = ? and created_at >= ? and customer_id like ?")) {
            query.setString(1, TENANT);
            query.setTimestamp(2, Timestamp.from(runStart));
            query.setString(3, run + "%");
            // a change that was set aside (dead-letter topic) leaves its customer without a task: give the others of
            // its partition ten seconds more before counting what is there
            long countBy = Math.min(deadline, System.nanoTime() + 10_000_000_000L);
            while (true) {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    tasks = rows.getLong(1);
                    customers = rows.getLong(2);
                    openedSpan = rows.getDouble(3);
                }
                if (customers >= count || System.nanoTime() > countBy) {
                    break;
                }
                Thread.sleep(250);
            }
        }
        long lag = backlog.lag(GROUP, TOPIC);
        while (lag > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            lag = backlog.lag(GROUP, TOPIC);
        }
        double committed = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "intervention applied them in %.1f s after the first was sent: %,.0f tier changes/s "
                        + "(%,d tasks for %,d of %,d customers: %,.0f tasks/s; opened within %.1f s of each other)%n",
                applied, count / applied, tasks, customers, count, tasks / applied, openedSpan);
        System.out.printf(Locale.ROOT, "its consumer group had committed the whole topic %.1f s after the first was sent "
                        + "(%,.0f tier changes/s, offsets committed every few seconds)%s%n", committed, count / committed,
                lag > 0 ? String.format(" — NOT: %,d records still unread", lag) : "");
        if (customers < count || tasks > customers) {
            System.out.printf("  odd: %,d customers without a task, %,d tasks more than customers%n", count - customers,
                    tasks - customers);
        }
    }

    /** Each run starts with intervention caught up on the tier changes and its e-mails sent. */
    static void settle(Backlog backlog) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while ((backlog.lag(GROUP, TOPIC) > 0 || backlog.notificationsWaiting() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    private static long number(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
