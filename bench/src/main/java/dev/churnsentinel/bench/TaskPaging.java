package dev.churnsentinel.bench;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * How long an integrator takes to read every task back through {@code GET /api/v1/tasks}, page by page with cursors,
 * as a nightly sync into a CRM does: puts {@code tasks} new RED customers of tenant demo on the tier-change topic (as
 * {@link InterventionCatchUp} does) so that the tenant has at least that many tasks, then pages through all of the
 * tenant's tasks {@code rounds} times in each of two ways: the default order with {@code total}, and
 * {@code sort=updatedAt&includeTotal=false} (the sync). Prints the time per pass, tasks per second, and the latency of a
 * page (p50, p99, max), checking that no task comes twice. The run's customers are removed afterwards.
 * Usage: {@code TaskPaging KEY [TASKS=100000] [LIMIT=500] [ROUNDS=3]}.
 */
public final class TaskPaging {
    private static final HttpClient HTTP = LocalHttp.client().build();

    private TaskPaging() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TaskPaging API_KEY [TASKS=100000] [LIMIT=500] [ROUNDS=3]");
            System.exit(2);
        }
        String key = args[0];
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String run = "paging-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (Connection db = DriverManager.getConnection(IngestLoad.JDBC, "postgres", "postgres");
             Backlog backlog = new Backlog()) {
            InterventionCatchUp.settle(backlog);
            if (tasks > 0) {
                InterventionCatchUp.measure(db, backlog, run, tasks);
            }
            try {
                for (int round = 1; round <= rounds; round++) {
                    pass(key, "round " + round + ", default order, with total", "limit=" + limit);
                    pass(key, "round " + round + ", sync order, no total", "sort=updatedAt&includeTotal=false&limit=" + limit);
                }
            } finally {
                RunCleanup.processedRecords(db, run);
                RunCleanup.customers(db, "demo", run);
            }
        }
    }

    private static void pass(String key, String what, String query) throws Exception {
        List<Long> pageNanos = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        String cursor = null;
        long began = System.nanoTime();
        do {
            String url = "http://127.0.0.1:8083/api/v1/tasks?" + query
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
            pageNanos.add(System.nanoTime() - start);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonObject page = new JsonObject(response.body());
            for (Object item : page.getJsonArray("items")) {
                if (!seen.add(((JsonObject) item).getString("id"))) {
                    duplicates++;
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        double seconds = (System.nanoTime() - began) / 1e9;
        Collections.sort(pageNanos);
        System.out.printf(Locale.ROOT, "%s: %,d tasks in %,d pages in %.2f s (%,.0f tasks/s); a page p50 %.0f ms, "
                        + "p99 %.0f ms, max %.0f ms%s%n", what, seen.size(), pageNanos.size(), seconds, seen.size() / seconds,
                ms(pageNanos, 0.50), ms(pageNanos, 0.99), pageNanos.get(pageNanos.size() - 1) / 1e6,
                duplicates == 0 ? "" : " — " + duplicates + " TASKS SEEN TWICE");
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
