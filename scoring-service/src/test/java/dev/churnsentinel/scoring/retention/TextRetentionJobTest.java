package dev.churnsentinel.scoring.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.scoring.health.TextSignalServiceResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention job on stored rows: quotes older than the tenant's days go (730 by default; 30 for tenant
 * retention-short, application.properties), recent ones and everything but the quotes stay.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class TextRetentionJobTest {
    private static final Instant NOW = Instant.now();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TextRetentionJob job;
    @Inject
    ObjectMapper json;

    private static String assessment(String quote) {
        return "{\"riskScore\":91.0,\"tier\":\"RED\",\"stage\":\"DECIDED\",\"modelName\":\"churn-risk\",\"modelVersion\":1,"
                + "\"dimensions\":[{\"name\":\"attitude\",\"weight\":0.2,\"score\":80.0,\"signals\":[{\"code\":\"LOW_SATISFACTION\","
                + "\"detail\":\"2 in a row\"}]}],\"overrides\":[{\"rule\":\"HIGH_RISK_KEYWORD\",\"tier\":\"RED\","
                + "\"detail\":\"said \\\"解约\\\"\",\"feedbackId\":\"F-1\",\"category\":\"CANCELLATION\",\"evidence\":\"" + quote
                + "\",\"start\":7,\"end\":9,\"evidenceStart\":7,\"evidenceEnd\":9}]}";
    }

    private static String signals(String oldQuote, Instant oldAt, String newQuote, Instant newAt) {
        return "{\"lastNps\":3,\"riskEvidence\":[{\"feedbackId\":\"F-1\",\"category\":\"CANCELLATION\",\"term\":\"解约\","
                + "\"evidence\":\"" + oldQuote + "\",\"start\":7,\"end\":9,\"at\":\"" + oldAt + "\"},"
                + "{\"feedbackId\":\"F-2\",\"category\":\"COMPETITOR\",\"term\":\"别家\",\"evidence\":\"" + newQuote
                + "\",\"start\":3,\"end\":5,\"at\":\"" + newAt + "\"}]}";
    }

    @Test
    void quotesOlderThanTheTenantsDaysAreStrippedAndRecentOnesAndTheScoresStay() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "R-" + run, shortCustomer = "S-" + run;
        Instant longAgo = NOW.minus(800, ChronoUnit.DAYS), monthsAgo = NOW.minus(40, ChronoUnit.DAYS),
                recently = NOW.minus(10, ChronoUnit.DAYS);
        long oldDefault = history("retention", customer, "老王旧话" + run, longAgo);
        long kept = history("retention", customer, "老王近话" + run, monthsAgo);
        long oldShort = history("retention-short", shortCustomer, "小李旧话" + run, monthsAgo);
        long keptShort = history("retention-short", shortCustomer, "小李近话" + run, recently);
        customer("retention", customer, signals("老王旧信" + run, longAgo, "老王新信" + run, recently),
                assessment("老王旧评" + run), longAgo);
        customer("retention-short", shortCustomer, signals("小李旧信" + run, monthsAgo, "小李新信" + run, recently),
                assessment("小李近评" + run), recently);

        TextRetentionJob.Result result = job.run(NOW);
        assertTrue(result.history() >= 2 && result.customers() >= 2, result.toString());

        assertFalse(reason(oldDefault).contains("老王旧话"), "730 days: stripped after 800");
        assertTrue(reason(kept).contains("老王近话" + run), "730 days: kept after 40");
        assertFalse(reason(oldShort).contains("小李旧话"), "30 days: stripped after 40");
        assertTrue(reason(keptShort).contains("小李近话" + run), "30 days: kept after 10");
        JsonNode stripped = json.readTree(reason(oldDefault));
        assertEquals("RED", stripped.get("tier").asText());
        assertEquals(91.0, stripped.get("riskScore").asDouble());
        assertEquals("LOW_SATISFACTION", stripped.at("/dimensions/0/signals/0/code").asText());
        JsonNode override = stripped.at("/overrides/0");
        assertEquals("CANCELLATION", override.get("category").asText());
        assertEquals(7, override.get("start").asInt());
        assertFalse(override.has("evidence") || override.has("evidenceStart") || override.has("evidenceEnd"), override.toString());
        assertEquals("RED", column("select tier from health_history where id = ?", oldDefault));

        String signals = column("select signals from customer_health where tenant = 'retention' and customer_id = ?", customer);
        assertFalse(signals.contains("老王旧信"), signals);
        assertTrue(signals.contains("老王新信" + run), signals);
        assertEquals(2, json.readTree(signals).get("riskEvidence").size(), "the phrases stay, only their quotes go");
        assertEquals("解约", json.readTree(signals).at("/riskEvidence/0/term").asText());
        assertFalse(column("select assessment from customer_health where tenant = 'retention' and customer_id = ?", customer)
                .contains("老王旧评"), "an assessment made 800 days ago");
        String shortSignals = column("select signals from customer_health where tenant = 'retention-short' and customer_id = ?",
                shortCustomer);
        assertFalse(shortSignals.contains("小李旧信"), shortSignals);
        assertTrue(shortSignals.contains("小李新信" + run), shortSignals);
        assertTrue(column("select assessment from customer_health where tenant = 'retention-short' and customer_id = ?",
                shortCustomer).contains("小李近评" + run), "an assessment made 10 days ago");

        // a second run finds nothing of these left to strip
        job.run(NOW);
        assertTrue(reason(kept).contains("老王近话" + run));
    }

    private long history(String tenant, String customer, String quote, Instant at) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("insert into "
                + "health_history (tenant, customer_id, risk_score, tier, stage, reason, computed_at) "
                + "values (?, ?, 91, 'RED', 'DECIDED', ?, ?) returning id")) {
            insert.setString(1, tenant);
            insert.setString(2, customer);
            insert.setString(3, assessment(quote));
            insert.setObject(4, at.atOffset(ZoneOffset.UTC));
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void customer(String tenant, String customer, String signals, String assessment, Instant computedAt)
            throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("insert into "
                + "customer_health (tenant, customer_id, signals, assessment, risk_score, tier, computed_at) "
                + "values (?, ?, ?, ?, 91, 'RED', ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, customer);
            insert.setString(3, signals);
            insert.setString(4, assessment);
            insert.setObject(5, computedAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private String reason(long id) throws Exception {
        return column("select reason from health_history where id = ?", id);
    }

    private String column(String sql, Object parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setObject(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), sql);
                return row.getString(1);
            }
        }
    }
}
