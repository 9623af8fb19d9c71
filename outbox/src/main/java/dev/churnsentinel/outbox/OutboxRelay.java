package dev.churnsentinel.outbox;

import dev.churnsentinel.platform.kafka.KafkaConnection;

import dev.churnsentinel.platform.jobs.Repeater;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays outbox messages to Kafka in the order they were written, at least once. One relay at a time per
 * schema (a PostgreSQL advisory lock), so order per key holds with several replicas; a batch leaves the table in a
 * transaction committed only once Kafka acknowledged all of it, and stays for the next run when Kafka is down.
 */
@ApplicationScoped
public class OutboxRelay {
    /**
     * The oldest messages above the floor ({@link RelayFloor}) taken out of the table (a rollback puts them back):
     * everything up to the id of the batch's last one, as one range of the primary key (a list of ids to look up one by
     * one cost the database half as much again). Their order is restored by id on this side: a delete's returning clause
     * promises none.
     */
    private static final String TAKE = "delete from outbox_message where id > ? and id <= coalesce("
            + "(select id from outbox_message where id > ? order by id offset ? limit 1), 9223372036854775807) "
            + "returning id, topic, message_key, payload, trace_parent";

    /** A message read from the outbox, its id giving its place. */
    private record Taken(long id, ProducerRecord<String, byte[]> record) {
    }

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    /** The service's {@code kafka.*} configuration (servers, TLS, SASL), which every client of the service shares. */
    private final Map<String, Object> kafkaConfig;
    /** Only the relay's thread sends; replaced after a batch Kafka did not acknowledge (see {@link #relayBatch}). */
    private volatile KafkaProducer<String, byte[]> producer;
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile Instant lastSuccess;
    private volatile long backlog;
    /** The relay's thread alone tells it what it read; its value is read by the counts too. */
    private final RelayFloor floor = new RelayFloor();
    private Repeater repeater;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        // the outbox lag: messages accepted and not yet acknowledged by Kafka (counted at each relay run)
        Gauge.builder("sentinel.outbox.pending", this, OutboxRelay::backlog)
                .description("Messages written to the outbox and not yet acknowledged by Kafka (at most)").register(meters);
        this.kafkaConfig = kafkaConfig;
        this.producer = newProducer();
    }

    private KafkaProducer<String, byte[]> newProducer() {
        return new KafkaProducer<>(producerConfig(kafkaConfig, config), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The relay's producer settings: the service's {@code kafka.*} configuration (where the brokers are, how to reach
     * them: TLS, SASL), with what the relay's guarantees rest on set over it.
     */
    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, OutboxConfig config) {
        Map<String, Object> producer = KafkaConnection.of(kafkaConfig);
        int sendTimeout = (int) config.sendTimeout().toMillis();
        producer.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // the relay hands over a whole batch and then waits for it: no reason to hold messages back for more
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeout * 3,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, sendTimeout));
        return producer;
    }

    /**
     * After a batch Kafka did not acknowledge, the producer may still hold parts of it with sequence numbers the broker
     * will never take (the broker stored a send whose answer was lost, and rejects the retry as out of order, for as
     * long as the producer retries): a new producer starts clean, and the batch, rolled back, goes again through it.
     */
    private void replaceProducer() {
        producer.close(java.time.Duration.ZERO);
        producer = newProducer();
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("outbox-relay", config.pollInterval(), this::relayPending);
    }

    void relayPending() {
        try {
            backlog = pendingAtMost();
            while (relayBatch() == config.batchSize()) {
                // a full batch: more may be waiting
            }
        } catch (SQLException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastError.get())) {
                Log.warnf("outbox relay paused, will retry: %s", e.getMessage());
            }
            lastError.set(String.valueOf(e.getMessage()));
        }
    }

    /** Relays one batch; returns how many messages left the outbox. */
    int relayBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                byIndex(connection);
                if (!lockAndBegin(connection)) {
                    connection.rollback();
                    return 0;
                }
                // taken out and read in one statement; they come back if Kafka does not acknowledge them all (rollback)
                List<Taken> taken = new ArrayList<>(config.batchSize());
                try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                    long from = floor.floor();
                    take.setLong(1, from);
                    take.setLong(2, from);
                    take.setInt(3, config.batchSize() - 1);
                    try (ResultSet rows = take.executeQuery()) {
                        while (rows.next()) {
                            ProducerRecord<String, byte[]> record = new ProducerRecord<>(rows.getString("topic"),
                                    rows.getString("message_key"), rows.getBytes("payload"));
                            String traceParent = rows.getString("trace_parent");
                            if (traceParent != null) {
                                record.headers().add(TraceParent.HEADER, traceParent.getBytes(StandardCharsets.UTF_8));
                            }
                            taken.add(new Taken(rows.getLong("id"), record));
                        }
                    }
                }
                taken.sort(Comparator.comparingLong(Taken::id));
                List<Future<RecordMetadata>> acks = new ArrayList<>(taken.size());
                for (Taken message : taken) {
                    acks.add(producer.send(message.record()));
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                connection.commit();
                long lastId = taken.isEmpty() ? 0 : taken.get(taken.size() - 1).id();
                floor.committed(lastId, taken.size() < config.batchSize() ? Long.MAX_VALUE : lastId);
                lastSuccess = Instant.now();
                lastError.set(null);
                return taken.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } catch (Exception e) {
                connection.rollback();
                replaceProducer();
                throw new IllegalStateException("Kafka did not acknowledge: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Takes the schema's relay lock for this transaction, if free, and tells the floor what the transaction's first
     * snapshot saw: the oldest transaction still running and the next transaction id.
     */
    private boolean lockAndBegin(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_try_advisory_xact_lock(hashtext('churn-sentinel-outbox:' || current_schema())), "
                        + "pg_snapshot_xmin(pg_current_snapshot())::text, pg_snapshot_xmax(pg_current_snapshot())::text");
             ResultSet result = lock.executeQuery()) {
            if (!result.next() || !result.getBoolean(1)) {
                return false;
            }
            floor.begin(Long.parseLong(result.getString(2)), Long.parseLong(result.getString(3)));
            return true;
        }
    }

    /**
     * Messages written and not yet relayed, at most: the span of ids waiting above the floor, read at both ends of the
     * primary key (both ends from the floor up: past the last message waiting lie the rows the relay deleted and vacuum
     * has not yet removed). Ids an aborted write took leave gaps, so it may count a few more than wait; a count reads
     * every row waiting, which at each relay run cost the database more under load than the relay's work.
     */
    public long pendingAtMost() throws SQLException {
        return aboveTheFloor("select coalesce((select max(id) from outbox_message where id > ?) "
                + "- (select min(id) from outbox_message where id > ?) + 1, 0)");
    }

    /** A number about the messages above the floor: each parameter of {@code sql} is the floor. */
    private long aboveTheFloor(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            byIndex(connection);
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                long floorNow = floor.floor();
                for (int parameter = 1; parameter <= sql.chars().filter(c -> c == '?').count(); parameter++) {
                    query.setLong(parameter, floorNow);
                }
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /**
     * Reads by the primary key in this transaction, whatever the statistics say. A queue table is nearly empty whenever
     * vacuum or analyze looks at it, so the planner, which believed it empty, read the whole table, every row the relay
     * deleted and vacuum had not yet removed included, for every batch and every count.
     */
    private static void byIndex(Connection connection) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("set local enable_seqscan = off");
        }
    }

    /** Messages waiting, at most, as of the relay's last look (one poll interval old): cheap to ask. */
    public long backlog() {
        return backlog;
    }

    public String lastError() {
        return lastError.get();
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    @PreDestroy
    void close() {
        if (repeater != null) {
            repeater.close();
        }
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
