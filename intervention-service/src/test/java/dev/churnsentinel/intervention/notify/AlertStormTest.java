package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A storm: many RED customers of one senior manager at once. Each gets one task, the manager the first ten e-mails one
 * by one and the rest as one digest, and the notification log says which digest carried which task.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class AlertStormTest {
    private static final String KEY = "k-storm";
    private static final int CUSTOMERS = 30;

    @Inject
    DigestWindows windows;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    NotificationStore store;

    @Test
    void aStormOfRedCustomersMakesOneTaskEachAndTheirManagerGetsTenEMailsAndOneDigest() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String boss = "boss-" + run + "@storm.example.com";
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add("S-" + run + "-" + i);
        }
        customers.forEach(c -> profile("storm", c, "someone-else-" + run + "@storm.example.com"));
        customers.forEach(c -> profile("storm", c, boss)); // the latest profile counts
        TestTopics.awaitConsumed("intervention-service-profiles", INGEST, Duration.ofSeconds(20));

        List<TierChanged> changes = customers.stream().map(c -> change("storm", c, Tier.RED, false, false)).toList();
        // one that cannot be acted on (no tier) in the middle of the poll: set aside, the others go on
        String broken = "S-" + run + "-broken";
        send(TIER_CHANGES, "storm", broken, change("storm", broken, Tier.TIER_UNSPECIFIED, false, false).toByteArray());
        changes.forEach(c -> send(TIER_CHANGES, "storm", c.getCustomerId(), c.toByteArray()));
        send(TIER_CHANGES, "storm", changes.get(3).getCustomerId(), changes.get(3).toByteArray()); // redelivered

        JsonPath tasks = Fixtures.await(() -> given().auth().oauth2(KEY).when().get("/api/v1/tasks?limit=200")
                        .then().statusCode(200).extract().jsonPath(),
                list -> list.getList("items.customerId").stream().filter(customers::contains).count() >= CUSTOMERS,
                "a task for each customer of the storm");
        List<String> withTask = tasks.<String>getList("items.customerId").stream().filter(customers::contains).toList();
        assertEquals(CUSTOMERS, new HashSet<>(withTask).size());
        assertEquals(CUSTOMERS, withTask.size(), "one task per customer, though one change came twice");
        assertEquals(1, TestTopics.read(TIER_CHANGES + ".intervention-dlq", "storm/" + broken, 1, Duration.ofSeconds(10)).size());

        List<MimeMessage> mails = Fixtures.await(() -> mailsTo(boss), list -> list.size() >= 11, "ten e-mails and a digest");
        List<MimeMessage> digests = mails.stream().filter(m -> subject(m).contains("合并通知")).toList();
        assertEquals(1, digests.size(), "one digest");
        assertEquals(11, mails.size(), "ten alone, and the rest in the digest");
        assertTrue(subject(digests.get(0)).startsWith("[20 个任务 / tasks · 20 RED]"), subject(digests.get(0)));
        String body = Fixtures.part(digests.get(0), "text/plain");
        assertTrue(body.contains("/console?t="), "one sign-in link, to the manager's queue: " + body);
        assertEquals(20, body.lines().filter(line -> line.contains("/console/tasks/")).count(), body);

        // the log: twenty task e-mails DIGESTED, each pointing to the digest, which was SENT
        Map<String, List<String>> byStatus = new java.util.HashMap<>();
        List<String> stormTasks = tasks.<Map<String, Object>>getList("items").stream()
                .filter(task -> customers.contains(task.get("customerId"))).map(task -> (String) task.get("id")).toList();
        for (String taskId : stormTasks) {
            JsonPath sent = notifications(KEY, taskId);
            assertEquals(boss, sent.getString("items[0].recipient"), "the manager of the latest profile");
            byStatus.computeIfAbsent(sent.getString("items[0].status"), s -> new ArrayList<>()).add(sent.getString("items[0].digestId"));
        }
        assertEquals(10, byStatus.get("SENT").size(), byStatus.keySet().toString());
        assertEquals(20, byStatus.get("DIGESTED").size());
        Set<String> digestIds = new HashSet<>(byStatus.get("DIGESTED"));
        assertEquals(1, digestIds.size());
        String digestId = digestIds.iterator().next();
        assertNotNull(digestId);
        JsonPath all = given().auth().oauth2(KEY).when().get("/api/v1/notifications?limit=500").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> digest = all.<Map<String, Object>>getList("items").stream()
                .filter(n -> digestId.equals(n.get("id"))).findFirst().orElseThrow();
        assertEquals("DIGEST", digest.get("event"));
        assertEquals("SENT", digest.get("status"));
        assertEquals(boss, digest.get("recipient"));
    }

    @Test
    void anEMailToSomeoneWhoseDigestWaitsJoinsItAsItIsQueuedWithItsSubjectAlone() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String boss = "held-" + run + "@storm.example.com";
        List<String> customers = List.of("H-" + run + "-1", "H-" + run + "-2", "H-" + run + "-3");
        customers.forEach(c -> profile("storm", c, boss));
        TestTopics.awaitConsumed("intervention-service-profiles", INGEST, Duration.ofSeconds(20));
        // as the dispatcher leaves it when it holds an e-mail of theirs: a digest waiting, and noted
        Instant digestDue = Instant.now().plusSeconds(8);
        NotificationStore.Waiting digest = new NotificationStore.Waiting(UUID.randomUUID(),
                new NotificationStore.Person("storm", boss), digestDue);
        try (Connection connection = dataSource.getConnection()) {
            store.open(connection, List.of(digest));
        }
        windows.held(digest, Instant.now());

        customers.forEach(c -> send(TIER_CHANGES, "storm", c, change("storm", c, Tier.RED, false, false).toByteArray()));
        List<String> taskIds = customers.stream()
                .map(c -> awaitTasks(KEY, c, list -> list.getList("items").size() == 1).getString("items[0].id")).toList();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select status, digest_id, next_attempt_at, body, html "
                     + "from notification where task_id = ?::uuid and channel = 'EMAIL'")) {
            for (String taskId : taskIds) {
                select.setString(1, taskId);
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals("DIGESTED", row.getString("status"), "carried as it was queued, not sent alone");
                    assertEquals(digest.id(), row.getObject("digest_id", UUID.class));
                    assertEquals(digestDue.truncatedTo(ChronoUnit.MILLIS),
                            row.getTimestamp("next_attempt_at").toInstant().truncatedTo(ChronoUnit.MILLIS));
                    assertEquals("", row.getString("body"), "a digest lists subjects: nothing else is written");
                    assertNull(row.getString("html"));
                }
            }
        }

        List<MimeMessage> mails = Fixtures.await(() -> mailsTo(boss), list -> !list.isEmpty(), "the digest",
                Duration.ofSeconds(30));
        assertEquals(1, mails.size(), "no e-mail alone");
        assertTrue(subject(mails.get(0)).startsWith("[3 个任务 / tasks · 3 RED]"), subject(mails.get(0)));
        Fixtures.await(() -> given().auth().oauth2(KEY).when().get("/api/v1/notifications?event=DIGEST&limit=500")
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                        .filter(n -> digest.id().toString().equals(n.get("id"))).findFirst().orElseThrow().get("status"),
                "SENT"::equals, "the waiting digest is the one sent");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
