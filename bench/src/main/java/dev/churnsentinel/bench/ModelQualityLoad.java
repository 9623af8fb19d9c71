package dev.churnsentinel.bench;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The backtest at scale, against the running local stack: writes {@code customers} customers of tenant demo (ids
 * {@code bench-quality-*}) with two years of history each into scoring's signal log (a visit and a rated feedback about
 * every month; a share of them drift for up to four months and cancel, the others renew each year), times
 * {@code GET /api/v1/model-quality} and {@code /trend} (12 months) through the service, and removes them.
 */
public final class ModelQualityLoad {
    private static final String SCORING = "http://127.0.0.1:8082";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:15432/postgres";
    private static final String PREFIX = "bench-quality-";
    private static final double DRIFTERS = 0.15;

    private ModelQualityLoad() {
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Instant end = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant start = end.minus(Duration.ofDays(730));
        try (Connection db = DriverManager.getConnection(JDBC, "postgres", "postgres")) {
            remove(db);
            long began = System.nanoTime();
            long[] rows = {0};
            CopyManager copy = new CopyManager(db.unwrap(BaseConnection.class));
            try (var writer = new java.io.PipedWriter(); var reader = new java.io.PipedReader(writer, 1 << 20)) {
                Thread producer = new Thread(() -> {
                    try (Writer out = new java.io.BufferedWriter(writer, 1 << 20)) {
                        SplittableRandom random = new SplittableRandom(42);
                        for (int c = 0; c < customers; c++) {
                            rows[0] += customer(out, String.format(Locale.ROOT, "%s%06d", PREFIX, c), random, start, end);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                producer.start();
                copy.copyIn("copy scoring.signal_log (tenant, customer_id, occurred_at, record_id, input) from stdin", reader);
                producer.join();
            }
            try (Statement analyze = db.createStatement()) {
                analyze.execute("analyze scoring.signal_log");
            }
            System.out.printf(Locale.ROOT, "wrote %,d customers' two years (%,d records) into scoring.signal_log in %.1f s%n",
                    customers, rows[0], (System.nanoTime() - began) / 1e9);
            HttpClient http = LocalHttp.client().connectTimeout(Duration.ofSeconds(5)).build();
            String asOf = LocalDate.now(ZoneOffset.UTC).minusDays(180).toString();
            for (int round = 1; round <= 2; round++) {
                time(http, key, "/api/v1/model-quality?asOf=" + asOf + "&horizonDays=90", "backtest as of " + asOf + ", round " + round);
                time(http, key, "/api/v1/model-quality/trend?months=12&horizonDays=90", "trend of 12 months, round " + round);
            }
            remove(db);
        }
    }

    private static void time(HttpClient http, String key, String path, String name) throws Exception {
        long began = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(SCORING + path))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - began) / 1e9;
        String body = answer.body();
        System.out.printf(Locale.ROOT, "%s: HTTP %d in %.1f s; %s%n", name, answer.statusCode(), seconds,
                body.length() > 400 ? body.substring(0, 400) + "…" : body);
    }

    /** One customer's rows, as COPY text; returns how many. */
    private static int customer(Writer out, String id, SplittableRandom random, Instant start, Instant end) throws IOException {
        Instant joined = start.plus(days(random.nextDouble(0, 60)));
        boolean drifter = random.nextDouble() < DRIFTERS;
        Instant leftAt = drifter ? joined.plus(days(random.nextDouble(200, Duration.between(joined, end).toDays() - 5))) : null;
        Instant driftFrom = drifter ? leftAt.minus(days(random.nextDouble(30, 120))) : null;
        double rhythm = random.nextDouble(20, 45), spend = random.nextDouble(300, 1500);
        Instant stop = drifter ? leftAt : end, renewal = joined.plus(days(365));
        int n = 0;
        for (Instant at = joined; at.isBefore(stop); ) {
            boolean drifting = drifter && !at.isBefore(driftFrom);
            row(out, id, at, n++, String.format(Locale.ROOT,
                    "{\"event\":{\"type\":\"SERVICE_VISIT\",\"occurredAt\":\"%s\",\"amount\":%.1f,\"attributes\":{}}}",
                    at, spend * (drifting ? random.nextDouble(0.3, 0.6) : random.nextDouble(0.8, 1.2))));
            boolean says = drifting && random.nextDouble() < 0.5;
            Instant said = at.plus(Duration.ofHours(2));
            row(out, id, said, n++, String.format(Locale.ROOT, "{\"feedback\":{\"feedbackId\":\"%s-f%d\",\"occurredAt\":\"%s\","
                            + "\"satisfaction\":%d,\"findings\":{\"polarity\":%s,\"risks\":[%s],\"emotions\":{%s},\"priceSensitive\":false}}}",
                    id, n, said, drifting ? random.nextInt(2, 6) : random.nextInt(8, 11), says ? "-0.7" : "0.5",
                    says ? "{\"category\":\"CANCELLATION\",\"term\":\"解约\",\"negated\":false,\"start\":0,\"end\":2}" : "",
                    says ? "\"ANGER\":0.6" : "\"SATISFACTION\":0.6"));
            Instant next = at.plus(days(rhythm * random.nextDouble(0.7, 1.3) * (drifting ? 3 : 1)));
            if (!drifter && !renewal.isAfter(next) && renewal.isBefore(end)) {
                row(out, id, renewal, n++, event("CONTRACT_RENEWED", renewal));
                renewal = renewal.plus(days(365));
            }
            at = next;
        }
        if (drifter) {
            row(out, id, leftAt, n++, event("CONTRACT_CANCELLED", leftAt));
        }
        return n;
    }

    private static String event(String type, Instant at) {
        return "{\"event\":{\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\",\"attributes\":{}}}";
    }

    private static void row(Writer out, String id, Instant at, int n, String json) throws IOException {
        out.write("demo\t" + id + "\t" + at + "\t" + id + "-" + n + "\t" + json.replace("\\", "\\\\") + "\n");
    }

    private static Duration days(double days) {
        return Duration.ofSeconds((long) (days * 86_400));
    }

    private static void remove(Connection db) throws Exception {
        try (Statement delete = db.createStatement()) {
            delete.executeUpdate("delete from scoring.signal_log where tenant = 'demo' and customer_id like '" + PREFIX + "%'");
        }
    }
}
