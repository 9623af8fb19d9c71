package dev.churnsentinel.bench;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An alert storm through the whole local stack, loopback only, bounded in time: {@code rate} {@code POST /feedback} a
 * second for {@code seconds}, open-loop (each request leaves at its scheduled moment whether or not the earlier ones
 * were answered, as wrk2 does, so a slow service meets the load it would meet, not a politely waiting client), each
 * for a new customer of this run who says they cancel ("价格太贵了，我们下个月解约。"): every one turns RED in scoring,
 * whose tier change makes intervention open a RESCUE task and queue an e-mail. With {@code profiles}, each customer's
 * profile is PUT first (a senior manager out of 50, so the e-mails go to 50 people), and the storm starts once
 * intervention has them all.
 *
 * <p>Measured: the send rate achieved and the HTTP latency (from the moment each request was due, so waiting for one
 * of the client's {@value #CONNECTIONS} connections counts, and from the moment it had one); then, once every customer has a task, the time from the API's answer to
 * the task's {@code created_at} (same machine, same clock), customers with no task or more than one, and a timeline of
 * the backlog along the way, read once a second: the tasks opened (intervention's counter, of every tenant),
 * ingestion's outbox, the lag of scoring on the ingest topic, of intervention on the tier changes and on the profiles,
 * and the e-mails waiting to be sent. Afterwards the run's
 * customers are removed from every schema ({@link RunCleanup}).
 * Usage: {@code AlertStorm KEY [RATE=1000] [SECONDS=60] [PROFILES=false]}.
 */
public final class AlertStorm {
    private static final String HOST = "127.0.0.1";
    private static final String TENANT = "demo"; // the tenant of the local stack's key
    private static final String TEXT = "价格太贵了，我们下个月解约。";
    private static final String INGEST = "churnsentinel.ingest.v1";
    private static final String TIER_CHANGES = "churnsentinel.tier-changes.v1";
    private static final int MANAGERS = 50;
    private static final int PROFILE_CONCURRENCY = 32;
    /** Enough connections for the requests in flight while ingestion answers slowly (beyond them, requests queue). */
    private static final int CONNECTIONS = 256;
    /** The longest wait for the run's tasks, lags and e-mails after the last request was answered. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(180);
    private static final Duration PROFILE_LIMIT = Duration.ofSeconds(120);
    private static final String TIMELINE_HEADER = """
            |    t s |   sent | tasks  | outbox | ingest lag | tier-change lag | profile lag | e-mails waiting |
            |--------|--------|--------|--------|------------|-----------------|-------------|-----------------|""";

    /** One event loop: the client should take as little of the machine as it can from the services it measures. */
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
            .setConnectTimeout(5000).setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    private final String key;
    private final String prefix = "storm-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private AlertStorm(String key) {
        this.key = key;
    }

    /** One second of the backlog, as the sampler saw it. */
    private record Sample(double t, long sent, long tasks, long outbox, long ingestLag, long tierLag, long profileLag,
                          long emailsWaiting) {
        String row() {
            return String.format(Locale.ROOT, "| %6.0f | %6d | %6d | %6d | %10d | %15d | %11d | %15d |", t, sent, tasks,
                    outbox, ingestLag, tierLag, profileLag, emailsWaiting);
        }

        boolean drained() {
            return outbox == 0 && ingestLag == 0 && tierLag == 0 && profileLag == 0 && emailsWaiting == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AlertStorm API_KEY [RATE=1000] [SECONDS=60] [PROFILES=false]");
            System.exit(2);
        }
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        boolean profiles = args.length > 3 && Boolean.parseBoolean(args[3]);
        AlertStorm storm = new AlertStorm(args[0]);
        try (Connection db = DriverManager.getConnection(IngestLoad.JDBC, "postgres", "postgres");
             Backlog backlog = new Backlog()) {
            try {
                storm.run(db, backlog, rate, seconds, profiles);
            } finally {
                // what is still on its way would open tasks for customers already removed: let it through first
                long left = backlog.records();
                if (left > 0) {
                    System.out.printf("%nwaiting (at most 5 min) for the services to read the %,d records still unread before "
                            + "removing the run's customers...%n", left);
                    backlog.awaitDrained(Duration.ofMinutes(5));
                }
                long began = System.nanoTime();
                RunCleanup.customers(db, TENANT, storm.prefix);
                System.out.printf(Locale.ROOT, "%nremoved the run's customers (%s*) from every schema in %.1f s%n",
                        storm.prefix, (System.nanoTime() - began) / 1e9);
                storm.vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }
    }

    private void run(Connection db, Backlog backlog, int rate, int seconds, boolean profiles) throws Exception {
        int count = rate * seconds;
        Instant runStart = Instant.now();
        System.out.printf("alert storm %s: %,d feedback items at %,d/s for %d s, each for a new customer%s%n", prefix,
                count, rate, seconds, profiles ? ", whose profile is PUT first" : " (no profile)");
        if (profiles) {
            putProfiles(db, count);
        }
        long left = backlog.records();
        if (left > 0) {
            System.out.printf("waiting for the services to read %,d records left from before...%n", left);
            backlog.awaitDrained(Duration.ofMinutes(3));
        }

        // the backlog once a second, from the first request until everything is through (or the limit)
        List<Sample> timeline = new ArrayList<>();
        CountDownLatch drained = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger(-1); // known once every request is answered
        long stormStart = System.nanoTime();
        long stormStartMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long openedBefore = backlog.tasksOpened(); // the run's tasks are counted from here, without asking PostgreSQL
        try {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    Sample sample = new Sample((System.nanoTime() - stormStart) / 1e9, sent.get(),
                            backlog.tasksOpened() - openedBefore,
                            backlog.ingestionOutbox(), backlog.lag("scoring-service", INGEST),
                            backlog.lag("intervention-service", TIER_CHANGES),
                            backlog.lag("intervention-service-profiles", INGEST), backlog.notificationsWaiting());
                    synchronized (timeline) {
                        timeline.add(sample);
                    }
                    if (accepted.get() >= 0 && sample.tasks() >= accepted.get() && sample.drained()) {
                        drained.countDown();
                    }
                } catch (Exception e) {
                    System.out.println("  could not sample the backlog: " + e.getMessage());
                }
            }, 0, 1, TimeUnit.SECONDS);

            Storm result = send(rate, count, stormStart, sent);
            accepted.set(result.accepted());
            boolean through = drained.await(DRAIN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            double drainedAfter = (System.nanoTime() - stormStart) / 1e9;
            sampler.shutdown();
            sampler.awaitTermination(30, TimeUnit.SECONDS);

            System.out.println();
            System.out.printf(Locale.ROOT, "sent %,d requests in %.1f s: %,.0f/s (target %,d/s); the last answer came %.1f s "
                    + "after the first request%n", count, result.sendSeconds(), count / result.sendSeconds(), rate,
                    result.answerSeconds());
            System.out.println(PhaseResult.HEADER);
            System.out.println(new PhaseResult("POST /feedback, timed from its slot", count, result.accepted(),
                    result.answerSeconds(), result.fromDue(), count - result.accepted()).row());
            System.out.println(new PhaseResult("POST /feedback, timed on the wire", count, result.accepted(),
                    result.answerSeconds(), result.fromSent(), count - result.accepted()).row());
            if (!result.errors().isEmpty()) {
                System.out.println("errors: " + result.errors());
            }
            System.out.println();
            System.out.println(through
                    ? String.format(Locale.ROOT, "everything was through %.0f s after the storm began (tasks, lags, e-mails)",
                    drainedAfter)
                    : String.format(Locale.ROOT, "not drained %d s after the last answer: measuring what is there",
                    DRAIN_LIMIT.toSeconds()));
            printTasks(db, runStart, stormStartMicros, result);
            System.out.println();
            printTimeline(timeline);
        } finally {
            sampler.shutdownNow();
        }
    }

    /**
     * What the storm's requests met: per customer index, the API's answer (epoch micros, 0 when it failed), the
     * latencies, and the errors by kind.
     */
    private record Storm(long[] answeredMicros, long[] fromDue, long[] fromSent, int accepted, double sendSeconds,
                         double answerSeconds, Map<String, Integer> errors) {
    }

    /**
     * Open-loop: a 1 ms timer on the event loop sends every request whose moment has come (n / rate seconds after the
     * start), however many earlier ones are still unanswered; a late tick sends the ones it missed at once.
     */
    private Storm send(int rate, int count, long start, AtomicInteger sent) throws InterruptedException {
        long[] answeredMicros = new long[count];
        long[] fromDue = new long[count];
        long[] fromSent = new long[count];
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(1);
        long[] lastSent = new long[1];
        String occurredAt = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        RequestOptions target = request(HttpMethod.POST, "/api/v1/feedback");
        vertx.runOnContext(ignored -> vertx.setPeriodic(1, timer -> {
            long due = Math.min(count, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
            for (int n = sent.get(); n < due; n = sent.incrementAndGet()) {
                int customer = n;
                long dueAt = start + customer * 1_000_000_000L / rate;
                String id = prefix + customer;
                Buffer body = Buffer.buffer("{\"externalId\": \"" + id + "\", \"customerId\": \"" + id
                        + "\", \"channel\": \"SURVEY\", \"occurredAt\": \"" + occurredAt + "\", \"text\": \"" + TEXT + "\"}");
                long[] leaving = new long[1];
                http.request(target)
                        .compose(request -> {
                            leaving[0] = System.nanoTime(); // a connection is free: from here on it is the service's time
                            return request.send(body);
                        })
                        .compose(response -> response.body().map(ignored2 -> response.statusCode()))
                        .onComplete(answer -> {
                            long now = System.nanoTime();
                            fromDue[customer] = now - dueAt;
                            fromSent[customer] = leaving[0] == 0 ? fromDue[customer] : now - leaving[0];
                            if (answer.succeeded() && answer.result() < 300) {
                                answeredMicros[customer] = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                                accepted.incrementAndGet();
                            } else {
                                errors.merge(answer.succeeded() ? "HTTP " + answer.result()
                                        : answer.cause().getClass().getSimpleName() + ": " + answer.cause().getMessage(), 1, Integer::sum);
                            }
                            if (answered.incrementAndGet() == count) {
                                done.countDown();
                            }
                        });
            }
            if (sent.get() >= count) {
                lastSent[0] = System.nanoTime();
                vertx.cancelTimer(timer);
            }
        }));
        long limit = count / rate + 120L;
        if (!done.await(limit, TimeUnit.SECONDS)) {
            throw new IllegalStateException(String.format("%,d of %,d requests unanswered after %d s: is ingestion still up?",
                    count - answered.get(), count, limit));
        }
        double answerSeconds = (System.nanoTime() - start) / 1e9;
        return new Storm(answeredMicros, fromDue, fromSent, accepted.get(), (lastSent[0] - start) / 1e9, answerSeconds,
                new TreeMap<>(errors));
    }

    /**
     * Every customer's profile, {@value #PROFILE_CONCURRENCY} PUTs in flight (each client sends its next when answered),
     * then waits until intervention has them all, so the storm's tier changes find their people.
     */
    private void putProfiles(Connection db, int count) throws Exception {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(PROFILE_CONCURRENCY);
        for (int c = 0; c < PROFILE_CONCURRENCY; c++) {
            Runnable[] self = new Runnable[1]; // the client sends its next request from its own answer
            self[0] = () -> {
                int n = next.getAndIncrement();
                if (n >= count) {
                    finished.countDown();
                    return;
                }
                int manager = n % MANAGERS;
                Buffer body = Buffer.buffer("{\"name\": \"风暴客户 " + n + "\", \"valueTier\": \"STANDARD\", "
                        + "\"accountManager\": {\"id\": \"storm-am-" + manager + "\", \"name\": \"客户经理 " + manager
                        + "\", \"email\": \"am-" + manager + "@storm.example.com\"}, "
                        + "\"seniorManager\": {\"id\": \"storm-sm-" + manager + "\", \"name\": \"高级经理 " + manager
                        + "\", \"email\": \"sm-" + manager + "@storm.example.com\"}}");
                http.request(request(HttpMethod.PUT, "/api/v1/customers/" + prefix + n))
                        .compose(request -> request.send(body))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .onComplete(answer -> {
                            if (answer.failed() || answer.result() >= 300) {
                                errors.incrementAndGet();
                            }
                            self[0].run();
                        });
            };
            vertx.runOnContext(ignored -> self[0].run());
        }
        if (!finished.await(PROFILE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("profiles unanswered after " + PROFILE_LIMIT.toSeconds() + " s: is ingestion still up?");
        }
        double put = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "PUT %,d profiles (%d in flight) in %.1f s: %,.0f/s, %d errors%n", count,
                PROFILE_CONCURRENCY, put, count / put, errors.get());
        long known = 0;
        long deadline = System.nanoTime() + PROFILE_LIMIT.toNanos();
        try (PreparedStatement profiles = db.prepareStatement(
                "select count(*) from intervention.customer_profile where tenant = ? and customer_id like ?")) {
            profiles.setString(1, TENANT);
            profiles.setString(2, prefix + "%");
            while ((known = number(profiles)) < count - errors.get() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
        System.out.printf(Locale.ROOT, "intervention had %,d of them %.1f s after the first PUT%n", known,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Feedback → task: each customer's first task's {@code created_at} minus the moment the API answered for their
     * feedback; customers with no task, and with more than one.
     */
    private void printTasks(Connection db, Instant runStart, long stormStartMicros, Storm storm) throws SQLException {
        long[] latencies = new long[storm.accepted()];
        int measured = 0;
        int twice = 0;
        int unexpected = 0;
        long firstTask = Long.MAX_VALUE;
        long lastTask = Long.MIN_VALUE;
        Map<String, Integer> kinds = new TreeMap<>();
        try (PreparedStatement query = db.prepareStatement("select customer_id, min(created_at), count(*), "
                + "string_agg(distinct kind, ',') from intervention.task where tenant = ? and created_at >= ? "
                + "and customer_id like ? group by customer_id")) {
            query.setString(1, TENANT);
            query.setTimestamp(2, Timestamp.from(runStart));
            query.setString(3, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int customer = Integer.parseInt(rows.getString(1).substring(prefix.length()));
                    long created = ChronoUnit.MICROS.between(Instant.EPOCH, rows.getObject(2, OffsetDateTime.class).toInstant());
                    firstTask = Math.min(firstTask, created);
                    lastTask = Math.max(lastTask, created);
                    twice += rows.getInt(3) > 1 ? 1 : 0;
                    kinds.merge(rows.getString(4), rows.getInt(3), Integer::sum);
                    if (storm.answeredMicros()[customer] == 0) {
                        unexpected++; // a task for a customer whose request failed (or timed out after it was stored)
                    } else {
                        latencies[measured++] = (created - storm.answeredMicros()[customer]) * 1_000; // nanos, as PhaseResult
                    }
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        System.out.println("""
                | feedback answered → task created_at | p50 ms  | p90 ms  | p99 ms  | max ms  | with a task | no task | >1 task |
                |-------------------------------------|---------|---------|---------|---------|-------------|---------|---------|""");
        System.out.printf(Locale.ROOT, "| %-35s | %7.0f | %7.0f | %7.0f | %7.0f | %11d | %7d | %7d |%n",
                storm.accepted() + " customers accepted", PhaseResult.ms(sorted, 0.5), PhaseResult.ms(sorted, 0.9),
                PhaseResult.ms(sorted, 0.99), PhaseResult.ms(sorted, 1.0), measured, storm.accepted() - measured, twice);
        if (unexpected > 0) {
            System.out.printf("%d tasks for customers whose request was not answered 2xx%n", unexpected);
        }
        if (measured > 0) {
            double first = (firstTask - stormStartMicros) / 1e6;
            double last = (lastTask - stormStartMicros) / 1e6;
            System.out.printf(Locale.ROOT, "tasks by kind %s; the first opened %.1f s after the storm began, the last %.1f s: "
                    + "%,.0f tasks/s in between%n", kinds, first, last, last > first ? (measured - 1) / (last - first) : 0.0);
        }
        try (PreparedStatement query = db.prepareStatement("select n.status, count(*) from intervention.notification n "
                + "join intervention.task t on t.id = n.task_id where t.tenant = ? and t.created_at >= ? "
                + "and t.customer_id like ? group by n.status order by n.status")) {
            query.setString(1, TENANT);
            query.setTimestamp(2, Timestamp.from(runStart));
            query.setString(3, prefix + "%");
            Map<String, Long> statuses = new TreeMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getLong(2));
                }
            }
            System.out.println("the run's task notifications by status: " + statuses);
        }
    }

    /** The timeline: every 5th second (every second when short), the last one, and each column's maximum. */
    private static void printTimeline(List<Sample> timeline) {
        List<Sample> samples;
        synchronized (timeline) {
            samples = List.copyOf(timeline);
        }
        if (samples.isEmpty()) {
            return;
        }
        System.out.println("backlog, sampled once a second from the first request until drained:");
        System.out.println(TIMELINE_HEADER);
        int every = samples.size() <= 30 ? 1 : 5;
        for (int i = 0; i < samples.size(); i++) {
            if (i % every == 0 || i == samples.size() - 1) {
                System.out.println(samples.get(i).row());
            }
        }
        System.out.println(new Sample(Double.NaN, samples.stream().mapToLong(Sample::sent).max().orElse(0),
                samples.stream().mapToLong(Sample::tasks).max().orElse(0),
                samples.stream().mapToLong(Sample::outbox).max().orElse(0),
                samples.stream().mapToLong(Sample::ingestLag).max().orElse(0),
                samples.stream().mapToLong(Sample::tierLag).max().orElse(0),
                samples.stream().mapToLong(Sample::profileLag).max().orElse(0),
                samples.stream().mapToLong(Sample::emailsWaiting).max().orElse(0)).row().replace("|    NaN |", "|    max |"));
    }

    private RequestOptions request(HttpMethod method, String uri) {
        return new RequestOptions().setMethod(method).setHost(HOST).setPort(8081).setURI(uri)
                .putHeader("Authorization", "Bearer " + key).putHeader("Content-Type", "application/json");
    }

    private static long number(PreparedStatement query) {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask the database: " + e.getMessage(), e);
        }
    }
}
