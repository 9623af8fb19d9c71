package dev.churnsentinel.bench;

import dev.churnsentinel.platform.ids.Ids;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on ingestion-service over loopback, bounded in time: single feedback items, batches of 1,000, and the
 * same rows written straight into PostgreSQL with multi-row INSERTs in the same run, for the ratio.
 * Usage: {@code IngestLoad KEY [SECONDS] [SINGLE_CONCURRENCY] [BATCH_CONCURRENCY] [WARM_UP_SECONDS]} against the
 * local stack.
 */
public final class IngestLoad {
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 8081;
    static final String JDBC = "jdbc:postgresql://127.0.0.1:15432/postgres";
    private static final int BATCH = 1000;
    private static final int MAX_SAMPLES = 2_000_000;
    /** Compilers using at most this share of a core are done with the hot code (they never quite stop). */
    private static final double QUIET_COMPILERS = 0.10;
    private static final int MAX_EXTRA_WARM_UP_ROUNDS = 18;
    private static final String TEXT = "空调滤芯换了还是有异味，打电话投诉说这是正常的，感觉被忽悠了。师傅态度还行，但问题一直没解决，我有点失望。";

    /** One event loop: the client should take as little of the machine as it can from the services it measures. */
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final String key;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Numbers the items of the whole run: no phase repeats an earlier phase's externalIds. */
    private final AtomicLong sequence = new AtomicLong();

    private IngestLoad(String key) {
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: IngestLoad API_KEY [SECONDS=20] [SINGLE_CONCURRENCY=32] [BATCH_CONCURRENCY=2] [WARM_UP_SECONDS=60]");
            System.exit(2);
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int singleConcurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int batchConcurrency = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        IngestLoad load = new IngestLoad(args[0]);
        // the services' JIT compilers keep a core busy for the first minutes of load: measure after them
        System.out.printf("warming up (%d s of single items and batches)...%n", warmUp);
        for (int round = 0; round < Math.max(1, warmUp / 10); round++) {
            load.warmUpRound(singleConcurrency, batchConcurrency);
        }
        // then on while the services' compilers are still busy (a freshly started stack compiles for minutes), at most
        // three minutes more
        for (int round = 0; round < MAX_EXTRA_WARM_UP_ROUNDS; round++) {
            double before = JitActivity.compilerSeconds();
            long began = System.nanoTime();
            load.warmUpRound(singleConcurrency, batchConcurrency);
            double share = (JitActivity.compilerSeconds() - before) / ((System.nanoTime() - began) / 1e9);
            System.out.printf(Locale.ROOT, "the services' JIT compilers used %.0f %% of a core during the last 10 s of load%s%n",
                    share * 100, share > QUIET_COMPILERS ? ": warming up 10 s more" : "");
            if (share <= QUIET_COMPILERS) {
                break;
            }
        }
        PhaseResult single;
        PhaseResult batch;
        PhaseResult sql;
        try (Backlog backlog = new Backlog()) {
            settle(backlog);
            single = load.http("single POST /feedback, " + singleConcurrency + " in flight", false, seconds, singleConcurrency);
            settle(backlog);
            // does the outbox relay keep up with what the API accepts? its backlog, looked at every second
            AtomicLong outboxPeak = new AtomicLong();
            ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
            watch.scheduleAtFixedRate(() -> outboxPeak.accumulateAndGet(backlog.ingestionOutbox(), Math::max),
                    0, 1, TimeUnit.SECONDS);
            batch = load.http("POST /feedback/batch ×1000, " + batchConcurrency + " in flight", true, seconds, batchConcurrency);
            watch.shutdownNow();
            watch.awaitTermination(10, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "ingestion's outbox held at most %,d messages not yet in Kafka during the batch "
                    + "phase (%,d after it)%n", outboxPeak.get(), backlog.ingestionOutbox());
            double behind = backlog.awaitDrained(Duration.ofMinutes(10));
            System.out.printf(Locale.ROOT, "the batch phase's %,d items were through scoring and intervention %.0f s after it "
                    + "ended (offsets are committed every few seconds): %.0f items/s end to end%n", batch.items(), behind,
                    batch.items() / (batch.seconds() + behind));
            sql = load.sql(seconds);
        }
        System.out.println();
        load.vertx.close().toCompletionStage().toCompletableFuture().join();
        System.out.println(PhaseResult.HEADER);
        System.out.println(single.row());
        System.out.println(batch.row());
        System.out.println(sql.row());
        System.out.printf(Locale.ROOT, "%nbatch API ÷ direct multi-row INSERT: %.2f (%.0f vs %.0f rows/s)%n",
                (batch.items() / batch.seconds()) / (sql.items() / sql.seconds()), batch.items() / batch.seconds(),
                sql.items() / sql.seconds());
    }

    /** Ten seconds of load, unmeasured: 5 s of single items, 5 s of batches. */
    private void warmUpRound(int singleConcurrency, int batchConcurrency) throws InterruptedException {
        http("warm-up", false, 5, singleConcurrency);
        http("warm-up", true, 5, batchConcurrency);
    }

    /** Each phase starts with the services' consumers caught up, not still chasing the last phase's records. */
    private static void settle(Backlog backlog) throws Exception {
        long left = backlog.records();
        if (left > 0) {
            System.out.printf("waiting for the services to read %,d records left from before...%n", left);
            backlog.awaitDrained(Duration.ofMinutes(10));
        }
    }

    /**
     * Keeps {@code concurrency} requests in flight for {@code seconds}: as many clients on the event loop, each sending
     * its next request when the last is answered. Every item has its own externalId.
     */
    private PhaseResult http(String name, boolean batched, int seconds, int concurrency) throws InterruptedException {
        long[] latencies = new long[MAX_SAMPLES];
        AtomicInteger samples = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong items = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(concurrency);
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000)
                .setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(concurrency));
        RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setHost(HOST).setPort(PORT)
                .setURI(batched ? "/api/v1/feedback/batch" : "/api/v1/feedback").setConnectTimeout(5_000).setIdleTimeout(60_000)
                .putHeader("Authorization", "Bearer " + key).putHeader("Content-Type", "application/json");
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        for (int c = 0; c < concurrency; c++) {
            Runnable[] self = new Runnable[1]; // the client sends its next request from its own answer
            self[0] = () -> {
                if (System.nanoTime() >= end) {
                    finished.countDown();
                    return;
                }
                Buffer body = Buffer.buffer(batched ? batchBody(BATCH) : item(sequence.incrementAndGet()));
                long sent = System.nanoTime();
                http.request(target)
                        .compose(request -> request.send(body))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .onComplete(answer -> {
                            int slot = samples.getAndIncrement();
                            if (slot < latencies.length) {
                                latencies[slot] = System.nanoTime() - sent;
                            }
                            if (answer.failed() || answer.result() >= 300) {
                                errors.incrementAndGet();
                            } else {
                                items.addAndGet(batched ? BATCH : 1);
                            }
                            self[0].run();
                        });
            };
            vertx.runOnContext(ignored -> self[0].run());
        }
        if (!finished.await(seconds + 90L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests unanswered for 90 s: is ingestion still up?");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        http.close();
        return new PhaseResult(name, samples.get(), items.get(), elapsed,
                Arrays.copyOf(latencies, Math.min(samples.get(), latencies.length)), errors.get());
    }

    /** The same rows straight into PostgreSQL: multi-row INSERTs of 1,000, one transaction each. */
    private PhaseResult sql(int seconds) throws Exception {
        try (Connection connection = DriverManager.getConnection(JDBC, "postgres", "postgres")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create schema if not exists bench");
                ddl.execute("create table if not exists bench.feedback (id uuid primary key, tenant text not null, "
                        + "external_id text not null, customer_id text not null, channel text not null, "
                        + "occurred_at timestamptz not null, text text, nps integer, satisfaction integer, "
                        + "received_at timestamptz not null, unique (tenant, external_id))");
                ddl.execute("truncate bench.feedback");
            }
            StringBuilder sql = new StringBuilder("insert into bench.feedback values ");
            for (int i = 0; i < BATCH; i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?)");
            }
            connection.setAutoCommit(false);
            long[] latencies = new long[100_000];
            int operations = 0;
            long row = 0;
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            Timestamp occurred = Timestamp.from(OffsetDateTime.parse("2026-03-01T10:00:00+08:00").toInstant());
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    int p = 1;
                    for (int i = 0; i < BATCH; i++) {
                        row++;
                        insert.setObject(p++, Ids.timeOrdered()); // as ingestion makes them
                        insert.setString(p++, "bench");
                        insert.setString(p++, "sql-" + run + "-" + row);
                        insert.setString(p++, "B-" + (row % 5000));
                        insert.setString(p++, "SURVEY");
                        insert.setTimestamp(p++, occurred);
                        insert.setString(p++, TEXT);
                        insert.setInt(p++, (int) (row % 11));
                        insert.setInt(p++, 1 + (int) (row % 10));
                        insert.setTimestamp(p++, new Timestamp(System.currentTimeMillis()));
                    }
                    insert.executeUpdate();
                    connection.commit();
                    latencies[operations++ % latencies.length] = System.nanoTime() - began;
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table bench.feedback");
                connection.commit();
            }
            return new PhaseResult("direct multi-row INSERT ×1000 (JDBC)", operations, (long) operations * BATCH, elapsed,
                    Arrays.copyOf(latencies, Math.min(operations, latencies.length)), 0);
        }
    }

    private String item(long sequence) {
        return "{\"externalId\": \"load-" + run + "-" + sequence + "\", \"customerId\": \"B-" + (sequence % 5000)
                + "\", \"channel\": \"SURVEY\", \"occurredAt\": \"2026-03-01T10:00:00+08:00\", \"text\": \"" + TEXT
                + "\", \"nps\": " + (sequence % 11) + ", \"satisfaction\": " + (1 + sequence % 10) + "}";
    }

    private String batchBody(int size) {
        StringBuilder body = new StringBuilder(size * 300).append('[');
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append(item(sequence.incrementAndGet()));
        }
        return body.append(']').toString();
    }
}
