package dev.churnsentinel.outbox;

import dev.churnsentinel.platform.jobs.Repeater;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
     * The oldest messages taken out of the table (a rollback puts them back): everything up to the id of the batch's last
     * one, as one range of the primary key (a list of ids to look up one by one cost the database half as much again).
     * Their order is restored by id on this side: a delete's returning clause promises none.
     */
    private static final String TAKE = "delete from outbox_message where id <= coalesce("
            + "(select id from outbox_message order by id offset ? limit 1), 9223372036854775807) "
            + "returning id, topic, message_key, payload, trace_parent";

    /** A message read from the outbox, its id giving its place. */
    private record Taken(long id, ProducerRecord<String, byte[]> record) {
    }

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    /** Only the relay's thread sends; replaced after a batch Kafka did not acknowledge (see {@link #relayBatch}). */
    private volatile KafkaProducer<String, byte[]> producer;
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile Instant lastSuccess;
    private volatile long backlog;
    private Repeater repeater;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        // the outbox lag: messages accepted and not yet acknowledged by Kafka (counted at each relay run)
        Gauge.builder("sentinel.outbox.pending", this, OutboxRelay::backlog)
                .description("Messages written to the outbox and not yet acknowledged by Kafka (at most)").register(meters);
        this.bootstrapServers = bootstrapServers;
        this.producer = newProducer();
    }

    private KafkaProducer<String, byte[]> newProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // the relay hands over a whole batch and then waits for it: no reason to hold messages back for more
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis() * 3,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis()),
                new StringSerializer(), new ByteArraySerializer());
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
                if (!lock(connection)) {
                    connection.rollback();
                    return 0;
                }
                // taken out and read in one statement; they come back if Kafka does not acknowledge them all (rollback)
                List<Taken> taken = new ArrayList<>(config.batchSize());
                try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                    take.setInt(1, config.batchSize() - 1);
                    try (ResultSet rows = take.executeQuery()) {
                        while (rows.next()) {
                            ProducerRecord<String, byte[]> record = new ProducerRecord<>(rows.getString(2), rows.getString(3), rows.getBytes(4));
                            String traceParent = rows.getString(5);
                            if (traceParent != null) {
                                record.headers().add(TraceParent.HEADER, traceParent.getBytes(StandardCharsets.UTF_8));
                            }
                            taken.add(new Taken(rows.getLong(1), record));
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

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_try_advisory_xact_lock(hashtext('churn-sentinel-outbox:' || current_schema()))");
             ResultSet result = lock.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    /**
     * Messages written and not yet relayed, at most: the span of ids waiting, read at both ends of the primary key.
     * Ids an aborted write took leave gaps, so it may count a few more than wait; a count reads every row of the
     * queue table (dead ones too), which at each relay run cost the database more under load than the relay's work.
     */
    long pendingAtMost() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement span = connection.prepareStatement(
                     "select coalesce(max(id) - min(id) + 1, 0) from outbox_message");
             ResultSet result = span.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Messages written and not yet relayed, counted (for the health check). */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox_message");
             ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
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
