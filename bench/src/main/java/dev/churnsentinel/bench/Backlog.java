package dev.churnsentinel.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * What the services' Kafka consumers still have to read (their consumer groups' lag on the local broker): a phase
 * measured while scoring still chases the last phase's records measures that backlog too. Also what waits before and
 * after Kafka: ingestion's outbox, and intervention's notifications not yet delivered.
 */
final class Backlog implements AutoCloseable {
    private static final URI INGESTION_METRICS = URI.create("http://127.0.0.1:8081/q/metrics");
    private static final URI INTERVENTION_METRICS = URI.create("http://127.0.0.1:8083/q/metrics");

    private final Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:19092"));
    private final HttpClient http = LocalHttp.client().build();
    private final Connection db;

    /** The services' consumer groups (their application.properties): a stopped consumer's backlog counts too. */
    private static final List<String> GROUPS = List.of("scoring-service", "intervention-service",
            "intervention-service-profiles");

    Backlog() throws SQLException {
        db = DriverManager.getConnection(IngestLoad.JDBC, "postgres", "postgres");
        try (Statement set = db.createStatement()) {
            set.execute("set enable_seqscan = off"); // the outboxes look empty to the planner whenever analysed
        }
    }

    /**
     * Records written but not yet read by the services: what waits in the outboxes for Kafka (accepted items are
     * relayed after the answer), and their consumer groups' lag on every partition.
     */
    long records() throws ExecutionException, InterruptedException {
        long lag = outboxes();
        for (String group : GROUPS) {
            lag += lag(group, null);
        }
        return lag;
    }

    /**
     * Records on {@code topic} (every topic the group reads when null) that consumer group {@code group} has not yet
     * committed: what it still has to read, as of its last commit (the services commit every few seconds).
     */
    long lag(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> read = new HashMap<>(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get());
        read.keySet().removeIf(partition -> topic != null && !partition.topic().equals(topic));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        read.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : read.entrySet()) {
            if (entry.getValue() != null) {
                lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
            }
        }
        return lag;
    }

    /** Notifications intervention has queued and not yet delivered (waiting for their first or next attempt). */
    long notificationsWaiting() {
        return number("select count(*) from intervention.notification where status in ('PENDING', 'RETRYING')");
    }

    private long outboxes() {
        return number("select (select count(*) from ingestion.outbox_message) + (select count(*) from scoring.outbox_message)");
    }

    /** The one number a query answers. */
    private long number(String sql) {
        try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask the database: " + e.getMessage(), e);
        }
    }

    /**
     * Messages in ingestion's outbox not yet relayed to Kafka, at most, as its relay last saw them (the
     * {@code sentinel_outbox_pending} gauge): asked every second while a phase is measured, so the database is not asked
     * (a count, or even the span of the primary key, read rows the relay deleted and vacuum had not yet removed).
     */
    long ingestionOutbox() {
        return (long) metric(INGESTION_METRICS, "sentinel_outbox_pending", true);
    }

    /**
     * Tasks intervention has opened since it started, of every tenant and kind ({@code sentinel_tasks_opened_total}):
     * asked every second during a storm, where counting the run's rows in PostgreSQL took 31-40 ms of its time a call.
     * None before its first task.
     */
    long tasksOpened() {
        return (long) metric(INTERVENTION_METRICS, "sentinel_tasks_opened_total", false);
    }

    /**
     * The sum of every series of the metric {@code name} a service exposes (Prometheus text); one it does not expose is
     * an error when {@code required}, else 0 (a counter appears with its first increment).
     */
    private double metric(URI metrics, String name, boolean required) {
        try {
            String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            boolean found = false;
            for (String line : text.split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
                    found = true;
                }
            }
            if (!found && required) {
                throw new IllegalStateException(metrics + " has no " + name);
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until nothing is left to read (or {@code limit} passes); returns the seconds it took. */
    double awaitDrained(Duration limit) throws ExecutionException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long left = records();
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            left = records();
        }
        if (left > 0) {
            System.out.printf("  still %,d records unread after %d s: measuring anyway%n", left, limit.toSeconds());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() throws SQLException {
        admin.close();
        db.close();
    }
}
