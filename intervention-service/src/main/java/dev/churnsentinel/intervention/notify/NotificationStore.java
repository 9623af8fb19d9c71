package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.api.Where;
import dev.churnsentinel.platform.retention.TextRetention;
import dev.churnsentinel.platform.store.GroupedInserts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The notification table: every query of it, for the API and the console (reactive) and for the dispatcher (JDBC, on
 * its connection, in its transaction).
 */
@ApplicationScoped
public class NotificationStore {

    /** Queues notifications in the caller's transaction ({@link GroupedInserts}: in a poll, with the others). */
    public Uni<Void> enqueue(List<Notification> notifications) {
        return GroupedInserts.persist(notifications);
    }

    /** Filters of the notification list; null means "any". */
    public record Filter(UUID taskId, Set<String> channels, Set<String> statuses, Set<String> events,
                         QueryValues.Period created, QueryValues.Period updated) {
    }

    /** The notification list's orders: newest first (the default), oldest first, and by last change (for sync). */
    public static final Keyset<Notification> NEWEST = Keyset.of("newest",
            Keyset.Column.desc("createdAt", Keyset.Type.TIME, n -> n.createdAt), Keyset.Column.desc("id", Keyset.Type.UUID, n -> n.id));
    public static final Keyset<Notification> OLDEST = Keyset.of("createdAt",
            Keyset.Column.asc("createdAt", Keyset.Type.TIME, n -> n.createdAt), Keyset.Column.asc("id", Keyset.Type.UUID, n -> n.id));
    public static final Keyset<Notification> CHANGED = Keyset.of("updatedAt",
            Keyset.Column.asc("at", Keyset.Type.TIME, n -> n.at), Keyset.Column.asc("id", Keyset.Type.UUID, n -> n.id));

    @WithSession
    public Uni<List<Notification>> notifications(String tenant, Filter filter, Keyset<Notification> order, String after,
                                                 Map<String, Object> position, int max) {
        Where where = where(tenant, filter, new HashMap<>(position));
        return Notification.<Notification>find("from Notification where " + where + after + " order by " + order.orderBy(),
                where.parameters()).page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> count(String tenant, Filter filter) {
        Where where = where(tenant, filter, new HashMap<>());
        return Notification.count(where.toString(), where.parameters());
    }

    private static Where where(String tenant, Filter filter, Map<String, Object> parameters) {
        return new Where(parameters).equal("tenant", tenant).equal("taskId", filter.taskId()).in("channel", filter.channels())
                .in("status", filter.statuses()).in("event", filter.events()).between("createdAt", filter.created())
                .between("at", filter.updated());
    }

    /** The console's view of a task's notifications, oldest first. */
    @WithSession
    public Uni<List<Notification>> ofTask(String tenant, UUID taskId, int limit) {
        return Notification.<Notification>find("tenant = ?1 and taskId = ?2", Sort.ascending("createdAt"), tenant, taskId)
                .page(Page.ofSize(limit)).list();
    }

    /** The digests that carry any of these notifications, by id (a map that answers null for null). */
    public Uni<Map<UUID, Notification>> digestsOf(String tenant, List<Notification> notifications) {
        Map<UUID, Notification> byId = new HashMap<>();
        List<UUID> ids = notifications.stream().map(n -> n.digestId).filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(byId);
        }
        return Notification.<Notification>list("tenant = ?1 and id in ?2", tenant, ids).map(digests -> {
            digests.forEach(digest -> byId.put(digest.id, digest));
            return byId;
        });
    }

    /** A notification due to be sent, as the dispatcher locks it: its body and HTML are read only to send it. */
    public record Due(UUID id, String tenant, UUID taskId, String event, String channel, String recipient, String subject,
                      String linkFor, int attempt) {
    }

    /** Locks up to {@code max} notifications due now (PENDING or RETRYING), skipping those another replica holds. */
    public List<Due> lockDue(Connection connection, int max) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, tenant, task_id, event, channel, recipient, subject, link_for, attempt from notification "
                        + "where status in ('PENDING', 'RETRYING') and next_attempt_at <= now() "
                        + "order by next_attempt_at limit ? for update skip locked")) {
            select.setInt(1, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(rows.getObject("id", UUID.class), rows.getString("tenant"),
                            rows.getObject("task_id", UUID.class), rows.getString("event"), rows.getString("channel"),
                            rows.getString("recipient"), rows.getString("subject"), rows.getString("link_for"),
                            rows.getInt("attempt")));
                }
            }
        }
        return due;
    }

    /** What a notification says, in text and (for an e-mail) HTML. */
    public record Content(String body, String html) {
    }

    public Map<UUID, Content> content(Connection connection, Collection<UUID> ids) throws SQLException {
        Map<UUID, Content> content = new HashMap<>();
        if (ids.isEmpty()) {
            return content;
        }
        try (PreparedStatement select = connection.prepareStatement("select id, body, html from notification where id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    content.put(rows.getObject("id", UUID.class), new Content(rows.getString("body"), rows.getString("html")));
                }
            }
        }
        return content;
    }

    /**
     * Where a notification's delivery stands after the dispatcher looked at it.
     *
     * @param digestId the waiting digest that carries it (status DIGESTED), or null
     */
    public record Outcome(UUID id, String status, int attempt, Instant nextAttemptAt, String error, UUID digestId) {
        public Outcome(UUID id, String status, int attempt, Instant nextAttemptAt, String error) {
            this(id, status, attempt, nextAttemptAt, error, null);
        }
    }

    /** Writes a batch's outcomes in one statement, each row as its outcome says. */
    public void record(Connection connection, List<Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update notification n set status = o.status, attempt = o.attempt, at = now(), "
                        + "next_attempt_at = o.next_attempt_at, last_error = o.last_error, digest_id = o.digest_id "
                        + "from unnest(?::uuid[], ?::text[], ?::int[], cast(? as text[])::timestamptz[], ?::text[], "
                        + "?::uuid[]) as o(id, status, attempt, next_attempt_at, last_error, digest_id) where n.id = o.id")) {
            update.setArray(1, connection.createArrayOf("uuid", outcomes.stream().map(Outcome::id).toArray()));
            update.setArray(2, connection.createArrayOf("text", outcomes.stream().map(Outcome::status).toArray()));
            update.setArray(3, connection.createArrayOf("int4", outcomes.stream().map(Outcome::attempt).toArray()));
            update.setArray(4, connection.createArrayOf("text", outcomes.stream()
                    .map(o -> o.nextAttemptAt().toString()).toArray()));
            update.setArray(5, connection.createArrayOf("text", outcomes.stream().map(Outcome::error).toArray()));
            update.setArray(6, connection.createArrayOf("uuid", outcomes.stream().map(Outcome::digestId).toArray()));
            update.executeUpdate();
        }
    }

    /** An address within a tenant: whom digests are per. */
    public record Person(String tenant, String email) {
    }

    /**
     * Locks these people for the rest of the transaction, in one statement and in one order (that of their keys), so
     * replicas cannot deadlock.
     */
    public void lock(Connection connection, Collection<Person> people) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select count(*) from (select pg_advisory_xact_lock(k) "
                + "from (select distinct notification_person_key(t, r) as k from unnest(?, ?) as p(t, r) order by 1) "
                + "as ordered) as locked")) {
            bindPeople(lock, 1, people);
            lock.executeQuery().close();
        }
    }

    /** Binds the people as two arrays, their tenants at {@code index} and their addresses after: {@code unnest(?, ?)}. */
    private static void bindPeople(PreparedStatement statement, int index, Collection<Person> people) throws SQLException {
        Connection connection = statement.getConnection();
        statement.setArray(index, connection.createArrayOf("text", people.stream().map(Person::tenant).toArray()));
        statement.setArray(index + 1, connection.createArrayOf("text", people.stream().map(Person::email).toArray()));
    }

    /**
     * How many task e-mails a person was sent (tried at least once) since {@code since}, and the digest that waits for
     * them (null if none).
     */
    public record Lately(int sent, Waiting waiting) {
    }

    /** A person's digest waiting until it is due (status HELD), which the e-mails it carries point to. */
    public record Waiting(UUID id, Person person, Instant due) {
    }

    public Map<Person, Lately> lately(Connection connection, Collection<Person> people, Instant since) throws SQLException {
        Map<Person, Lately> lately = new HashMap<>();
        try (PreparedStatement recent = connection.prepareStatement(
                "select p.tenant, p.recipient, (select count(*) from notification n where n.channel = 'EMAIL' "
                        + "and n.task_id is not null and n.attempt > 0 and n.tenant = p.tenant "
                        + "and n.recipient = p.recipient and n.created_at > ?) as sent, w.id, w.next_attempt_at "
                        + "from unnest(?, ?) as p(tenant, recipient) left join lateral (select d.id, d.next_attempt_at "
                        + "from notification d where d.status = 'HELD' and d.task_id is null and d.tenant = p.tenant "
                        + "and d.recipient = p.recipient order by d.next_attempt_at limit 1) as w on true")) {
            recent.setTimestamp(1, Timestamp.from(since));
            bindPeople(recent, 2, people);
            try (ResultSet rows = recent.executeQuery()) {
                while (rows.next()) {
                    Person person = new Person(rows.getString("tenant"), rows.getString("recipient"));
                    UUID waiting = rows.getObject("id", UUID.class);
                    lately.put(person, new Lately(rows.getInt("sent"), waiting == null ? null
                            : new Waiting(waiting, person, rows.getTimestamp("next_attempt_at").toInstant())));
                }
            }
        }
        return lately;
    }

    /** Opens these waiting digests (status HELD until due), in the caller's transaction. */
    public void open(Connection connection, Collection<Waiting> digests) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into notification (id, tenant, task_id, event, channel, recipient, subject, body, html, "
                        + "link_for, status, attempt, created_at, at, next_attempt_at) "
                        + "values (?, ?, null, 'DIGEST', 'EMAIL', ?, ?, '', null, ?, 'HELD', 0, now(), now(), ?)")) {
            for (Waiting digest : digests) {
                insert.setObject(1, digest.id());
                insert.setString(2, digest.person().tenant());
                insert.setString(3, digest.person().email());
                insert.setString(4, MessageComposer.WAITING_DIGEST_SUBJECT);
                insert.setString(5, digest.person().email());
                insert.setTimestamp(6, Timestamp.from(digest.due()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A task e-mail held alone, to be carried by a digest of its own. */
    public record Held(UUID id, Person person) {
    }

    /**
     * The task e-mails held alone whose wait is over (they found their digest formed as they were queued) of up to
     * {@code maxPeople} people, oldest first, those people locked for the rest of the transaction ({@link #lock}).
     */
    public List<Held> lockHeld(Connection connection, int maxPeople) throws SQLException {
        List<Person> people = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select distinct tenant, recipient from notification "
                + "where status = 'HELD' and task_id is not null and next_attempt_at <= now() limit ?")) {
            select.setInt(1, maxPeople);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    people.add(new Person(rows.getString("tenant"), rows.getString("recipient")));
                }
            }
        }
        if (people.isEmpty()) {
            return List.of();
        }
        lock(connection, people);
        try (PreparedStatement select = connection.prepareStatement(
                "select n.id, n.tenant, n.recipient from unnest(?, ?) as p(tenant, recipient) "
                        + "join notification n on n.tenant = p.tenant and n.recipient = p.recipient where n.status = 'HELD' "
                        + "and n.task_id is not null and n.next_attempt_at <= now() order by n.created_at for update of n")) {
            bindPeople(select, 1, people);
            List<Held> held = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    held.add(new Held(rows.getObject("id", UUID.class),
                            new Person(rows.getString("tenant"), rows.getString("recipient"))));
                }
            }
            return held;
        }
    }

    /** Marks these task e-mails DIGESTED, carried by the waiting digest {@code digest}. */
    public void carry(Connection connection, UUID digest, Collection<UUID> emails) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(
                "update notification set status = 'DIGESTED', digest_id = ?, at = now() where id = any(?)")) {
            mark.setObject(1, digest);
            mark.setArray(2, connection.createArrayOf("uuid", emails.toArray()));
            mark.executeUpdate();
        }
    }

    /**
     * Locks one waiting digest that is due, skipping any another replica is forming, then its person's decisions
     * ({@link #lock}); null if no digest is due. Before reading what it carries, {@link #awaitJoins}.
     */
    public Waiting lockDueDigest(Connection connection) throws SQLException {
        Waiting due;
        try (PreparedStatement select = connection.prepareStatement("select id, tenant, recipient, next_attempt_at "
                + "from notification where status = 'HELD' and task_id is null and next_attempt_at <= now() "
                + "order by next_attempt_at limit 1 for no key update skip locked");
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            due = new Waiting(row.getObject("id", UUID.class), new Person(row.getString("tenant"),
                    row.getString("recipient")), row.getTimestamp("next_attempt_at").toInstant());
        }
        lock(connection, List.of(due.person()));
        return due;
    }

    /**
     * Waits until every e-mail that joined {@code person}'s due digest has committed: takes their join lock alone, which
     * each joining e-mail holds shared until it commits (the trigger of migrations V16 and V18; V17 holds the lock's
     * key), and lets it go at once. On {@code autocommit}, a connection in autocommit mode, so the lock lasts this
     * statement only: an e-mail that comes later finds the digest due and waits alone.
     */
    public void awaitJoins(Connection autocommit, Person person) throws SQLException {
        if (!autocommit.getAutoCommit()) {
            throw new IllegalArgumentException("the join lock must end with its statement: autocommit only");
        }
        try (PreparedStatement joins = autocommit.prepareStatement(
                "select pg_advisory_xact_lock(1, notification_person_key(?, ?))")) {
            joins.setString(1, person.tenant());
            joins.setString(2, person.email());
            joins.executeQuery().close();
        }
    }

    /** A task e-mail a digest lists: its subject and its task. */
    public record Listed(String subject, UUID taskId) {
    }

    /** What a digest carries: how many task e-mails, how many of them for RED tasks, and the most urgent. */
    public record Carried(int count, int red, List<Listed> mostUrgent) {
    }

    /**
     * What a digest carries, counted in the database, and the {@code limit} most urgent of its e-mails: by their task's
     * tier as it stands (RED, ORANGE, YELLOW, then GREEN), the oldest first within a tier. However many it carries, only
     * those few leave the database.
     */
    public Carried carriedBy(Connection connection, UUID digest, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select n.subject, n.task_id, count(*) over () as "
                + "carried, count(*) filter (where t.tier = 'RED') over () as red from notification n "
                + "join task t on t.id = n.task_id where n.digest_id = ? "
                + "order by array_position(array['RED', 'ORANGE', 'YELLOW', 'GREEN'], t.tier) nulls last, n.created_at "
                + "limit ?")) {
            select.setObject(1, digest);
            select.setInt(2, limit);
            int count = 0, red = 0;
            List<Listed> listed = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    count = rows.getInt("carried");
                    red = rows.getInt("red");
                    listed.add(new Listed(rows.getString("subject"), rows.getObject("task_id", UUID.class)));
                }
            }
            return new Carried(count, red, listed);
        }
    }

    /** Removes a waiting digest that carries nothing (its e-mails were erased). */
    public void discard(Connection connection, UUID digest) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from notification where id = ?")) {
            delete.setObject(1, digest);
            delete.executeUpdate();
        }
    }

    /** Queues a waiting digest to be sent like any other e-mail, with what it says. */
    public void queue(Connection connection, UUID digest, String subject, String body, String html) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update notification set subject = ?, body = ?, "
                + "html = ?, status = 'PENDING', at = now(), next_attempt_at = now() where id = ?")) {
            update.setString(1, subject);
            update.setString(2, body);
            update.setString(3, html);
            update.setObject(4, digest);
            update.executeUpdate();
        }
    }

    /** What {@link #erase} did: notifications removed, and digests that had carried one of them emptied. */
    public record Erased(int removed, int digestsCleared) {
    }

    /**
     * Removes the notifications of the given tasks (their subjects name the customer, their bodies quote them), in the
     * caller's transaction; a digest that carried one of them (it lists their subjects) loses its body.
     */
    public Uni<Erased> erase(String tenant, List<UUID> taskIds) {
        if (taskIds.isEmpty()) {
            return Uni.createFrom().item(new Erased(0, 0));
        }
        String[] ids = taskIds.stream().map(UUID::toString).toArray(String[]::new);
        String ofTasks = "tenant = ?1 and task_id = any(cast(cast(?2 as text[]) as uuid[]))";
        return Panache.getSession().flatMap(session -> session.createNativeQuery("update notification set body = '', "
                                + "html = null where id in (select digest_id from notification where " + ofTasks
                                + " and digest_id is not null)").setParameter(1, tenant).setParameter(2, ids).executeUpdate()
                .flatMap(digests -> session.createNativeQuery("delete from notification where " + ofTasks)
                        .setParameter(1, tenant).setParameter(2, ids).executeUpdate()
                        .map(removed -> new Erased(removed, digests))));
    }

    /**
     * Empties the bodies of up to {@code max} of the oldest notifications made before their tenant's cutoff and no longer
     * waiting to be sent, in {@code connection}'s transaction; how many.
     */
    public static int removeOldWords(Connection connection, TextRetention.Cutoffs cutoffs, int max) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update notification set body = '', html = null "
                + "where id in (select id from notification x where (x.body <> '' or x.html is not null) "
                + "and x.status not in ('PENDING', 'RETRYING', 'HELD') and " + cutoffs.olderThan("x.tenant", "x.created_at")
                + " order by x.created_at limit ? for update skip locked)")) {
            int next = cutoffs.bind(update, 1);
            update.setInt(next, max);
            return update.executeUpdate();
        }
    }
}
