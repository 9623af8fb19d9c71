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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays outbox messages to Kafka in the order they were written, at least once. One relay at a time per
 * schema (a PostgreSQL advisory lock), so order per key holds with several replicas; a batch is deleted only
 * after Kafka acknowledged all of it, and stays for the next run when Kafka is down.
 */
@ApplicationScoped
public class OutboxRelay {
    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final KafkaProducer<String, byte[]> producer;
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
                .description("Messages written to the outbox and not yet acknowledged by Kafka").register(meters);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis() * 3,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis()),
                new StringSerializer(), new ByteArraySerializer());
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("outbox-relay", config.pollInterval(), this::relayPending);
    }

    void relayPending() {
        try {
            backlog = pending();
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
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "select id, topic, message_key, payload, trace_parent from outbox_message order by id limit ?")) {
                    select.setInt(1, config.batchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                            ProducerRecord<String, byte[]> record = new ProducerRecord<>(rows.getString(2), rows.getString(3), rows.getBytes(4));
                            String traceParent = rows.getString(5);
                            if (traceParent != null) {
                                record.headers().add(TraceParent.HEADER, traceParent.getBytes(StandardCharsets.UTF_8));
                            }
                            acks.add(producer.send(record));
                        }
                    }
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!ids.isEmpty()) {
                    try (PreparedStatement delete = connection.prepareStatement("delete from outbox_message where id = any(?)")) {
                        delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                        delete.executeUpdate();
                    }
                }
                connection.commit();
                lastSuccess = Instant.now();
                lastError.set(null);
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } catch (Exception e) {
                connection.rollback();
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

    /** Messages written and not yet relayed. */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox_message");
             ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Messages waiting as of the relay's last look (at most one poll interval old): cheap to ask. */
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
