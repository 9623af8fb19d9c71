package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.intervention.notify.NotificationStore.Waiting;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * However many of a person's e-mails wait for their digest, one digest carries them all; an e-mail that joins a digest
 * as it is formed is carried by it or, formed already, by one of its own.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class DigestFormationTest {
    private static final int HELD = 2500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    NotificationStore store;

    /** RED tasks of {@code count} customers {@code customer}, {@code customer-2}, …: one opened, the others its clones. */
    private List<UUID> redTasks(String customer, int count) throws SQLException {
        profile("digest", customer, "boss-" + customer + "@digest.example.com");
        TestTopics.awaitConsumed("intervention-service-profiles", INGEST, Duration.ofSeconds(20));
        send(TIER_CHANGES, "digest", customer, change("digest", customer, Tier.RED, false, false).toByteArray());
        String taskId = Fixtures.await(() -> taskOf(customer), id -> id != null, "the customer's task");
        List<UUID> tasks = new ArrayList<>(List.of(UUID.fromString(taskId)));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement clone = connection.prepareStatement("insert into task select (jsonb_populate_record("
                     + "null::task, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), 'customer_id', "
                     + "t.customer_id || '-' || g))).* from task t, generate_series(2, ?) g where t.id = ?::uuid "
                     + "returning id")) {
            clone.setInt(1, count);
            clone.setString(2, taskId);
            try (ResultSet rows = clone.executeQuery()) {
                while (rows.next()) {
                    tasks.add(rows.getObject(1, UUID.class));
                }
            }
        }
        assertEquals(count, tasks.size());
        return tasks;
    }

    @Test
    void thousandsOfHeldEMailsOfOnePersonGoOutAsOneDigest() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "D-" + run;
        String person = "many-" + run + "@digest.example.com";
        redTasks(customer, HELD);

        // e-mails held alone (as those that found their digest formed are), one for each task, to one person; half
        // the tasks ORANGE by now
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement orange = connection.prepareStatement("update task set tier = 'ORANGE' "
                    + "where tenant = 'digest' and customer_id like ? and customer_id ~ '[02468]$'")) {
                orange.setString(1, customer + "-%");
                assertEquals(HELD / 2, orange.executeUpdate());
            }
            try (PreparedStatement hold = connection.prepareStatement("insert into notification (id, tenant, task_id, "
                    + "event, channel, recipient, subject, body, status, attempt, created_at, at, next_attempt_at, "
                    + "link_for) select gen_random_uuid(), tenant, id, 'TASK_CREATED', 'EMAIL', ?, '[' || tier "
                    + "|| ' · RESCUE] ' || customer_id, '', 'HELD', 0, now(), now(), now(), ? from task "
                    + "where tenant = 'digest' and customer_id like ?")) {
                hold.setString(1, person);
                hold.setString(2, person);
                hold.setString(3, customer + "%");
                assertEquals(HELD, hold.executeUpdate());
            }
        }

        Fixtures.await(() -> mailsTo(person), list -> !list.isEmpty(), "the digest", Duration.ofSeconds(30));
        Thread.sleep(2000); // several dispatcher runs: a second digest would have come by now
        List<MimeMessage> mails = mailsTo(person);
        assertEquals(1, mails.size(), "one digest");
        assertTrue(mails.get(0).getSubject().startsWith("[" + HELD + " 个任务 / tasks · " + HELD / 2 + " RED]"),
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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement digest = connection.prepareStatement("select body from notification "
                     + "where recipient = ? and event = 'DIGEST'")) {
            digest.setString(1, person);
            try (ResultSet row = digest.executeQuery()) {
                assertTrue(row.next());
                String body = row.getString(1);
                assertTrue(body.contains("\n50. [RED · RESCUE] "), "the 50 it lists are the RED ones: " + body);
                assertFalse(body.contains("[ORANGE"), body);
                assertTrue(body.contains((HELD - MessageComposer.DIGEST_LISTED) + " more tasks are in your queue"), body);
            }
        }
    }

    @Test
    void anEMailJoiningADigestAsItIsDueIsCarriedByItOnceItCommits() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String person = "joins-" + run + "@digest.example.com";
        List<UUID> tasks = redTasks("J-" + run, 2);
        Waiting digest = new Waiting(UUID.randomUUID(), new NotificationStore.Person("digest", person),
                Instant.now().plusSeconds(2));
        try (Connection connection = dataSource.getConnection()) {
            store.open(connection, List.of(digest));
            joinDigest(connection, tasks.get(0), person, digest.id());
            try (PreparedStatement waiting = connection.prepareStatement("select subject from notification where id = ?")) {
                waiting.setObject(1, digest.id());
                try (ResultSet row = waiting.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals(MessageComposer.WAITING_DIGEST_SUBJECT, row.getString(1), "a waiting digest says so");
                }
            }
        }
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            joinDigest(late, tasks.get(1), person, digest.id());
            Thread.sleep(5000); // the digest is due meanwhile, and waits for this e-mail to commit
            late.commit();
        }

        List<MimeMessage> mails = Fixtures.await(() -> mailsTo(person), list -> !list.isEmpty(), "the digest",
                Duration.ofSeconds(30));
        assertTrue(mails.get(0).getSubject().startsWith("[2 个任务 / tasks · 2 RED]"), mails.get(0).getSubject());
        Thread.sleep(2000); // several dispatcher runs: a second digest would have come by now
        assertEquals(1, mailsTo(person).size(), "one digest");
        assertEquals(List.of(digest.id(), digest.id()), carriers(tasks));
    }

    @Test
    void anEMailThatFindsItsDigestFormedGoesInADigestOfItsOwn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String person = "late-" + run + "@digest.example.com";
        List<UUID> tasks = redTasks("L-" + run, 2);
        Waiting digest = new Waiting(UUID.randomUUID(), new NotificationStore.Person("digest", person),
                Instant.now().plusSeconds(1));
        try (Connection connection = dataSource.getConnection()) {
            store.open(connection, List.of(digest));
            joinDigest(connection, tasks.get(0), person, digest.id());
        }
        Fixtures.await(() -> mailsTo(person), list -> list.size() == 1, "the digest", Duration.ofSeconds(30));

        try (Connection connection = dataSource.getConnection()) {
            joinDigest(connection, tasks.get(1), person, digest.id()); // as a poll that decided before it was formed
        }
        List<MimeMessage> mails = Fixtures.await(() -> mailsTo(person), list -> list.size() == 2, "a second digest",
                Duration.ofSeconds(30));
        assertTrue(mails.get(1).getSubject().startsWith("[1 个任务 / tasks · 1 RED]"), mails.get(1).getSubject());
        List<UUID> carriers = carriers(tasks);
        assertEquals(digest.id(), carriers.get(0));
        assertNotNull(carriers.get(1));
        assertNotEquals(digest.id(), carriers.get(1), "carried by a digest of its own");
    }

    @Test
    void aDigestTakesNoEMailOnceItIsDueSoFormingItNeedNotHoldUpThoseThatCome() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String person = "due-" + run + "@digest.example.com";
        List<UUID> tasks = redTasks("U-" + run, 2);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // rolled back: nothing of it reaches the dispatcher
            Waiting waits = new Waiting(UUID.randomUUID(), new NotificationStore.Person("digest", person),
                    Instant.now().plusSeconds(60));
            Waiting due = new Waiting(UUID.randomUUID(), new NotificationStore.Person("digest", person),
                    Instant.now().minusSeconds(1));
            store.open(connection, List.of(waits, due));
            joinDigest(connection, tasks.get(0), person, waits.id());
            joinDigest(connection, tasks.get(1), person, due.id());
            try (PreparedStatement select = connection.prepareStatement("select status, digest_id from notification "
                    + "where task_id = ? and recipient = ?")) {
                select.setString(2, person);
                select.setObject(1, tasks.get(0));
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals("DIGESTED", row.getString(1));
                    assertEquals(waits.id(), row.getObject(2, UUID.class), "joins the digest that waits");
                }
                select.setObject(1, tasks.get(1));
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals("HELD", row.getString(1), "waits alone: the digest is due, perhaps being formed");
                    assertNull(row.getObject(2));
                }
            }
            connection.rollback();
        }
    }

    /** Writes a task's e-mail to {@code person} as joining their waiting digest, as an e-mail queued in a storm is. */
    private static void joinDigest(Connection connection, UUID task, String person, UUID digest) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into notification (id, tenant, task_id, "
                + "event, channel, recipient, subject, body, status, attempt, created_at, at, next_attempt_at, link_for, "
                + "digest_id) values (gen_random_uuid(), 'digest', ?, 'TASK_CREATED', 'EMAIL', ?, '[RED · RESCUE] ' "
                + "|| ?, '', 'DIGESTED', 0, now(), now(), now(), ?, ?)")) {
            insert.setObject(1, task);
            insert.setString(2, person);
            insert.setString(3, task.toString());
            insert.setString(4, person);
            insert.setObject(5, digest);
            assertEquals(1, insert.executeUpdate());
        }
    }

    /** The digest that carries each task's e-mail, once DIGESTED. */
    private List<UUID> carriers(List<UUID> tasks) throws SQLException {
        List<UUID> carriers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select digest_id from notification where task_id = ? and status = 'DIGESTED'")) {
            for (UUID task : tasks) {
                select.setObject(1, task);
                try (ResultSet row = select.executeQuery()) {
                    carriers.add(row.next() ? row.getObject(1, UUID.class) : null);
                }
            }
        }
        return carriers;
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
