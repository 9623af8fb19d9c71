package dev.churnsentinel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * The silence scan at scale, against the running local stack: puts {@code count} customers of tenant demo into
 * scoring's table (ids {@code bench-silence-*}, a 30-day rhythm; {@code silentShare} of them last seen 100 days ago,
 * the rest 10 days ago), runs {@code POST /api/v1/admin/silence-scan} through the real service and prints how long it
 * took, then removes them. The silent ones are announced YELLOW already, so the run measures the scan and the
 * reassessments, not a flood of tasks downstream.
 */
public final class SilenceScanLoad {
    private static final String SCORING = "http://127.0.0.1:8082";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:15432/postgres";
    private static final String PREFIX = "bench-silence-";

    private SilenceScanLoad() {
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        double silentShare = args.length > 2 ? Double.parseDouble(args[2]) : 0.02;
        int everyNth = Math.max(1, (int) Math.round(1 / silentShare));
        try (Connection db = DriverManager.getConnection(JDBC, "postgres", "postgres")) {
            RunCleanup.customers(db, "demo", PREFIX);
            long started = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into scoring.customer_health (tenant, customer_id, signals, risk_score, tier, stage, alerted_tier,
                                                         model_version, computed_at, silent_after)
                    select 'demo', ? || g,
                           jsonb_build_object('lastInteractionAt', to_char(seen at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                              'interactionIntervalDays', jsonb_build_object('baseline', 30, 'recent', 30, 'count', 6)),
                           0, 'GREEN', 'SATISFIED', 'YELLOW', 1, now(), seen + interval '60 days'
                    from generate_series(1, ?) g,
                         lateral (select now() - case when g % ? = 0 then interval '100 days' else interval '10 days' end) t(seen)
                    """)) {
                insert.setString(1, PREFIX);
                insert.setInt(2, count);
                insert.setInt(3, everyNth);
                insert.executeUpdate();
            }
            try (Statement analyze = db.createStatement()) {
                analyze.execute("analyze scoring.customer_health");
            }
            System.out.printf("put %,d customers (%,d silent beyond twice their rhythm) in %.1f s%n", count, count / everyNth,
                    (System.nanoTime() - started) / 1e9);

            HttpClient http = LocalHttp.client().connectTimeout(Duration.ofSeconds(5)).build();
            long scanStarted = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(SCORING + "/api/v1/admin/silence-scan"))
                    .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - scanStarted) / 1e9;
            System.out.printf("silence scan over %,d customers: HTTP %d %s in %.1f s%n", count, answer.statusCode(), answer.body(), seconds);
            try (Statement check = db.createStatement();
                 ResultSet rows = check.executeQuery("select count(*) filter (where stage = 'DECIDED'), "
                         + "count(*) filter (where silent_after > now()) from scoring.customer_health where customer_id like '"
                         + PREFIX + "%'")) {
                rows.next();
                System.out.printf("afterwards: %,d reassessed as DECIDED (silent 100 days), %,d not due again before next rhythm%n",
                        rows.getLong(1), rows.getLong(2));
            }
            RunCleanup.customers(db, "demo", PREFIX);
        }
    }
}
