package dev.churnsentinel.scoring.health;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.inbox.ProcessedRecords;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static dev.churnsentinel.scoring.health.ScoringFlowTest.awaitHealth;
import static dev.churnsentinel.scoring.health.ScoringFlowTest.feedback;
import static dev.churnsentinel.scoring.health.ScoringFlowTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids of applied records are kept for the ingest topic's retention and a day (8 days), then pruned. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class ProcessedRecordsTest {
    @Inject
    ProcessedRecords processed;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void idsOlderThanTheTopicCouldRedeliverArePrunedAndTheRestKept() throws SQLException {
        String customer = "P-" + UUID.randomUUID();
        IngestRecord old = feedback(customer, null, null, 9);
        IngestRecord recent = feedback(customer, null, 9, null);
        send(old);
        send(recent);
        awaitHealth(customer, "GREEN");
        TestTopics.awaitConsumed("scoring-service", "churnsentinel.ingest.v1", Duration.ofSeconds(60));
        assertTrue(applied(old.getId()) && applied(recent.getId()), "claimed when applied");
        age(old.getId(), "9 days");
        age(recent.getId(), "7 days");

        assertTrue(processed.prune() >= 1);
        assertFalse(applied(old.getId()), "past the topic's retention: pruned");
        assertTrue(applied(recent.getId()), "the topic could still deliver it again: kept");
        assertEquals(0, processed.prune(), "nothing more to prune");
    }

    private void age(String recordId, String by) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update processed_record set processed_at = now() - cast(? as interval) where record_id = ?")) {
            update.setString(1, by);
            update.setString(2, recordId);
            assertEquals(1, update.executeUpdate());
        }
    }

    private boolean applied(String recordId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select 1 from processed_record where record_id = ?")) {
            select.setString(1, recordId);
            return select.executeQuery().next();
        }
    }
}
