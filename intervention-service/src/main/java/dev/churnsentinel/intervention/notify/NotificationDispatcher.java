package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.platform.jobs.Repeater;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.signin.ConsoleLinks;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the notifications that are due (e-mails and webhook messages), from the database, so a queued notification
 * survives a restart. Rows are locked while sent ({@code FOR UPDATE SKIP LOCKED}), so replicas never send the same one;
 * a batch is sent in parallel (up to {@code send-concurrency}; the mailer reuses its pooled SMTP connections); a failed
 * attempt is retried with doubling back-off until {@code max-attempts}, then it is FAILED.
 * <p>
 * In a storm a person is not sent a thousand e-mails: beyond the first few within a window ({@link DigestPolicy}), their
 * task e-mails wait (HELD) and go out as one DIGEST, which the e-mails it carried point to (DIGESTED, {@code digest_id}).
 * Forming a digest is one transaction, so across restarts each held e-mail is carried by exactly one digest.
 */
@ApplicationScoped
public class NotificationDispatcher {
    private static final int BATCH = 100;
    private static final int DIGEST_BATCH = 2000;

    private final AgroalDataSource dataSource;
    private final EmailSender email;
    private final WebhookSender webhooks;
    private final Deliveries deliveries;
    private final InterventionConfig config;
    private final ConsoleLinks links;
    private final DigestPolicy digests;
    private final MessageComposer composer;
    private ExecutorService senders;
    private Repeater repeater;

    public NotificationDispatcher(AgroalDataSource dataSource, EmailSender email, WebhookSender webhooks,
                                  InterventionConfig config, Deliveries deliveries, ConsoleLinks links) {
        this.links = links;
        this.dataSource = dataSource;
        this.email = email;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.config = config;
        this.digests = new DigestPolicy(config.digest().after(), config.digest().window());
        this.composer = new MessageComposer(ZoneId.of(config.timeZone()), config.taskUrl().orElse(null));
    }

    void start(@Observes StartupEvent startup) {
        AtomicInteger number = new AtomicInteger();
        senders = Executors.newFixedThreadPool(config.sendConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "notification-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        repeater = Repeater.start("notification-dispatcher", config.dispatchInterval(), this::dispatchDue);
    }

    /** Before the connection pools close, so no run is cut short. */
    void stop(@Observes ShutdownEvent shutdown) {
        if (repeater != null) {
            repeater.close();
        }
        if (senders != null) {
            senders.shutdown();
        }
    }

    /** Sends what is due now rather than at the next interval: notifications were just queued. */
    public void wake() {
        if (repeater != null) {
            repeater.nudge();
        }
    }

    void dispatchDue() {
        try {
            while (formDigests() == DIGEST_BATCH) {
                // a full batch: more may be due
            }
            while (dispatchBatch() == BATCH) {
                // a full batch: more may be due
            }
        } catch (SQLException e) {
            Log.warnf("notification dispatch paused: %s", e.getMessage());
        }
    }

    /** A due notification, read with its task's facts (none for a digest); its body and HTML only once it is sent. */
    private record Due(UUID id, String tenant, UUID taskId, String event, String channel, String recipient, String subject,
                       String body, String html, String linkFor, int attempt, String customerId, String tier, String kind,
                       OffsetDateTime dueAt, int escalationLevel) {
        static Due of(ResultSet row) throws SQLException {
            return new Due(row.getObject("id", UUID.class), row.getString("tenant"), row.getObject("task_id", UUID.class),
                    row.getString("event"), row.getString("channel"), row.getString("recipient"), row.getString("subject"),
                    null, null, row.getString("link_for"), row.getInt("attempt"),
                    row.getString("customer_id"), row.getString("tier"), row.getString("kind"),
                    row.getObject("due_at", OffsetDateTime.class), row.getInt("escalation_level"));
        }

        Due withContent(String body, String html) {
            return new Due(id, tenant, taskId, event, channel, recipient, subject, body, html, linkFor, attempt, customerId,
                    tier, kind, dueAt, escalationLevel);
        }

        /** A task's e-mail on its first attempt: what may wait for a digest. */
        boolean digestible() {
            return "EMAIL".equals(channel) && attempt == 0 && taskId != null && !recipient.isBlank();
        }

        Person person() {
            return new Person(tenant, recipient);
        }
    }

    /** Whom digests are per: an address within a tenant. */
    private record Person(String tenant, String email) implements Comparable<Person> {
        @Override
        public int compareTo(Person other) {
            int byTenant = tenant.compareTo(other.tenant);
            return byTenant != 0 ? byTenant : email.compareTo(other.email);
        }
    }

    private String send(Due n) {
        if ("WEBHOOK".equals(n.channel())) {
            return webhooks.send(n.tenant(), n.recipient(), new Webhooks.Message(n.event(), n.tenant(), n.taskId().toString(),
                    n.customerId(), n.tier(), n.kind(), n.dueAt().toString(), n.escalationLevel(), n.subject(), n.body(),
                    links.linkFor(n.tenant(), n.linkFor(), n.taskId())));
        }
        return email.send(n.id(), n.recipient(), n.subject(), links.render(n.body(), n.tenant(), n.linkFor(), n.taskId(), false),
                        links.render(n.html(), n.tenant(), n.linkFor(), n.taskId(), true))
                .await().atMost(config.sendTimeout().plusSeconds(1));
    }

    int dispatchBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Due> due = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "select n.id, n.tenant, n.task_id, n.event, n.channel, n.recipient, n.subject, "
                                + "n.link_for, n.attempt, t.customer_id, t.tier, t.kind, t.due_at, t.escalation_level "
                                + "from notification n left join task t on t.id = n.task_id "
                                + "where n.status in ('PENDING', 'RETRYING') and n.next_attempt_at <= now() "
                                + "order by n.next_attempt_at limit ? for update of n skip locked")) {
                    select.setInt(1, BATCH);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            due.add(Due.of(rows));
                        }
                    }
                }
                Map<UUID, Instant> held = hold(connection, due);
                Map<UUID, Future<String>> sending = new LinkedHashMap<>();
                for (Due n : withContent(connection, due.stream().filter(n -> !held.containsKey(n.id())).toList())) {
                    sending.put(n.id(), senders.submit(() -> send(n)));
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "update notification set status = ?, attempt = ?, at = now(), next_attempt_at = ?, last_error = ? "
                                + "where id = ?")) {
                    for (Due n : due) {
                        Instant until = held.get(n.id());
                        if (until != null) {
                            update.setString(1, "HELD");
                            update.setInt(2, 0);
                            update.setTimestamp(3, Timestamp.from(until));
                            update.setString(4, null);
                        } else {
                            DeliveryPolicy.Outcome outcome = deliveries.after(n.channel(), n.attempt() + 1,
                                    DeliveryPolicy.errorOf(sending.get(n.id())), Instant.now());
                            update.setString(1, outcome.status());
                            update.setInt(2, outcome.attempt());
                            update.setTimestamp(3, Timestamp.from(outcome.nextAttemptAt()));
                            update.setString(4, outcome.error());
                        }
                        update.setObject(5, n.id());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                connection.commit();
                return due.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The notifications with their body and HTML, read for those about to be sent (not for those held). */
    private static List<Due> withContent(Connection connection, List<Due> sent) throws SQLException {
        if (sent.isEmpty()) {
            return sent;
        }
        Map<UUID, Due> byId = new LinkedHashMap<>();
        sent.forEach(n -> byId.put(n.id(), n));
        try (PreparedStatement select = connection.prepareStatement("select id, body, html from notification where id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", byId.keySet().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject("id", UUID.class);
                    byId.put(id, byId.get(id).withContent(rows.getString("body"), rows.getString("html")));
                }
            }
        }
        return List.copyOf(byId.values());
    }


    /**
     * Which of the batch's e-mails wait for a digest, and until when. The people concerned are locked for the rest of
     * the transaction (in one order, so replicas cannot deadlock), so two replicas cannot both send someone's tenth.
     */
    private Map<UUID, Instant> hold(Connection connection, List<Due> due) throws SQLException {
        TreeSet<Person> people = new TreeSet<>();
        due.stream().filter(Due::digestible).forEach(n -> people.add(n.person()));
        if (people.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            for (Person person : people) {
                lock.setString(1, person.tenant() + "/" + person.email());
                lock.execute();
            }
        }
        Map<Person, DigestPolicy.Person> lately = new HashMap<>();
        try (PreparedStatement recent = connection.prepareStatement(
                "select p.tenant, p.recipient, (select count(*) from notification n where n.channel = 'EMAIL' "
                        + "and n.task_id is not null and n.attempt > 0 and n.tenant = p.tenant "
                        + "and n.recipient = p.recipient and n.created_at > ?), "
                        + "(select min(n.next_attempt_at) from notification n where n.status = 'HELD' "
                        + "and n.tenant = p.tenant and n.recipient = p.recipient) "
                        + "from unnest(?, ?) as p(tenant, recipient)")) {
            recent.setTimestamp(1, Timestamp.from(Instant.now().minus(digests.window())));
            recent.setArray(2, connection.createArrayOf("text", people.stream().map(Person::tenant).toArray()));
            recent.setArray(3, connection.createArrayOf("text", people.stream().map(Person::email).toArray()));
            try (ResultSet rows = recent.executeQuery()) {
                while (rows.next()) {
                    Timestamp until = rows.getTimestamp(4);
                    lately.put(new Person(rows.getString(1), rows.getString(2)),
                            new DigestPolicy.Person(rows.getInt(3), until == null ? null : until.toInstant()));
                }
            }
        }
        Instant now = Instant.now();
        Map<UUID, Instant> held = new HashMap<>();
        for (Due n : due) {
            if (n.digestible()) {
                DigestPolicy.Decision decision = digests.next(lately.getOrDefault(n.person(), new DigestPolicy.Person(0, null)), now);
                lately.put(n.person(), decision.next());
                if (decision.heldUntil() != null) {
                    held.put(n.id(), decision.heldUntil());
                    deliveries.held(n.channel());
                }
            }
        }
        return held;
    }

    /**
     * Gathers each person's held e-mails that are due into one DIGEST notification, queued to be sent like any other,
     * and marks them DIGESTED by it, in one transaction.
     */
    int formDigests() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<Person, List<UUID>> carried = new LinkedHashMap<>();
                Map<Person, List<MessageComposer.DigestItem>> items = new LinkedHashMap<>();
                int read = 0;
                try (PreparedStatement select = connection.prepareStatement(
                        "select n.id, n.tenant, n.recipient, n.subject, n.task_id, t.tier from notification n "
                                + "join task t on t.id = n.task_id where n.status = 'HELD' and n.next_attempt_at <= now() "
                                + "order by n.created_at limit ? for update of n skip locked")) {
                    select.setInt(1, DIGEST_BATCH);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            read++;
                            Person person = new Person(rows.getString("tenant"), rows.getString("recipient"));
                            carried.computeIfAbsent(person, p -> new ArrayList<>()).add(rows.getObject("id", UUID.class));
                            items.computeIfAbsent(person, p -> new ArrayList<>()).add(new MessageComposer.DigestItem(
                                    rows.getString("tier"), rows.getString("subject"),
                                    links.plain(rows.getObject("task_id", UUID.class))));
                        }
                    }
                }
                if (read == 0) {
                    connection.rollback();
                    return 0;
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into notification (id, tenant, task_id, event, channel, recipient, subject, body, html, "
                                + "link_for, status, attempt, created_at, at, next_attempt_at) "
                                + "values (?, ?, null, 'DIGEST', 'EMAIL', ?, ?, ?, ?, ?, 'PENDING', 0, now(), now(), now())");
                     PreparedStatement mark = connection.prepareStatement(
                             "update notification set status = 'DIGESTED', digest_id = ?, at = now() where id = any(?)")) {
                    for (Map.Entry<Person, List<UUID>> entry : carried.entrySet()) {
                        Person person = entry.getKey();
                        List<MessageComposer.DigestItem> list = items.get(person);
                        UUID digest = UUID.randomUUID();
                        insert.setObject(1, digest);
                        insert.setString(2, person.tenant());
                        insert.setString(3, person.email());
                        insert.setString(4, composer.digestSubject(list));
                        insert.setString(5, composer.digestBody(list));
                        insert.setString(6, composer.digestHtml(list));
                        insert.setString(7, person.email());
                        insert.addBatch();
                        mark.setObject(1, digest);
                        mark.setArray(2, connection.createArrayOf("uuid", entry.getValue().toArray()));
                        mark.addBatch();
                        Log.infof("a digest of %d task e-mails for %s of tenant %s", list.size(), person.email(), person.tenant());
                    }
                    insert.executeBatch();
                    mark.executeBatch();
                }
                connection.commit();
                return read;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
