package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.proto.events.v1.Tier;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** However many of a person's e-mails wait for their digest, one digest carries them all. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class DigestFormationTest {
    private static final int HELD = 2500;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void thousandsOfHeldEMailsOfOnePersonGoOutAsOneDigest() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "D-" + run;
        String person = "many-" + run + "@digest.example.com";
        profile("digest", customer, "boss-" + run + "@digest.example.com");
        TestTopics.awaitConsumed("intervention-service-profiles", INGEST, Duration.ofSeconds(20));
        send(TIER_CHANGES, "digest", customer, change("digest", customer, Tier.RED, false, false).toByteArray());
        String taskId = Fixtures.await(() -> taskOf(customer), id -> id != null, "the customer's task");

        // as a storm leaves them: the task cloned for other customers, and an e-mail of each held for one person
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement clone = connection.prepareStatement("insert into task select (jsonb_populate_record("
                    + "null::task, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), 'customer_id', "
                    + "t.customer_id || '-' || g))).* from task t, generate_series(2, ?) g where t.id = ?::uuid")) {
                clone.setInt(1, HELD);
                clone.setString(2, taskId);
                assertEquals(HELD - 1, clone.executeUpdate());
            }
            try (PreparedStatement hold = connection.prepareStatement("insert into notification (id, tenant, task_id, "
                    + "event, channel, recipient, subject, body, status, attempt, created_at, at, next_attempt_at, "
                    + "link_for) select gen_random_uuid(), tenant, id, 'TASK_CREATED', 'EMAIL', ?, '[RED · RESCUE] ' "
                    + "|| customer_id, '', 'HELD', 0, now(), now(), now(), ? from task "
                    + "where tenant = 'digest' and customer_id like ?")) {
                hold.setString(1, person);
                hold.setString(2, person);
                hold.setString(3, customer + "%");
                assertEquals(HELD, hold.executeUpdate());
            }
        }

        Fixtures.await(() -> InfrastructureTestResource.shared().mail().received().stream()
                .filter(m -> recipient(m).equals(person)).count(), n -> n > 0, "the digest", Duration.ofSeconds(30));
        Thread.sleep(2000); // several dispatcher runs: a second digest would have come by now
        List<MimeMessage> mails = InfrastructureTestResource.shared().mail().received().stream()
                .filter(m -> recipient(m).equals(person)).toList();
        assertEquals(1, mails.size(), "one digest");
        assertTrue(mails.get(0).getSubject().startsWith("[" + HELD + " 个任务 / tasks · " + HELD + " RED]"),
                mails.get(0).getSubject());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement carried = connection.prepareStatement("select count(*), count(distinct digest_id), "
                     + "count(*) filter (where status = 'DIGESTED') from notification where recipient = ? and task_id is not null")) {
            carried.setString(1, person);
            try (ResultSet row = carried.executeQuery()) {
                assertTrue(row.next());
                assertEquals(HELD, row.getInt(1));
                assertEquals(1, row.getInt(2), "carried by one digest");
                assertEquals(HELD, row.getInt(3));
            }
        }
    }

    private String taskOf(String customer) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select id::text from task where tenant = 'digest' and customer_id = ?")) {
            select.setString(1, customer);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
