package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.platform.jobs.Repeater;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.notify.NotificationStore.Content;
import dev.churnsentinel.intervention.notify.NotificationStore.Due;
import dev.churnsentinel.intervention.notify.NotificationStore.Person;
import dev.churnsentinel.intervention.notify.NotificationStore.Waiting;
import dev.churnsentinel.intervention.signin.ConsoleLinks;
import dev.churnsentinel.intervention.task.TaskQueries;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * task e-mails are carried by a DIGEST that waits (HELD) until a window after the first, which they point to (DIGESTED,
 * {@code digest_id}) from when they are held (or queued, {@link DigestWindows}). Forming it composes and queues that one
 * row, in one transaction, after every e-mail that joined it committed; an e-mail that found its digest already formed
 * waits alone (HELD) and is put in a digest of its own, so each e-mail is carried by exactly one digest.
 * <p>
 * Sending and recording are not one transaction: an outcome the database could not take (it restarted meanwhile) is
 * kept and recorded before anything is read again, so it is not sent twice; a replica killed between a send and its
 * commit sends it again when it comes back (at least once).
 * <p>
 * The SQL is {@link NotificationStore}'s; the task facts a webhook message and a digest show are the task's as it stands
 * when they are sent ({@link TaskQueries#facts}).
 */
@ApplicationScoped
public class NotificationDispatcher {
    private static final int BATCH = 100;
    /** People whose e-mails held alone are put in digests in one transaction. */
    private static final int DIGEST_PEOPLE = 50;

    private final AgroalDataSource dataSource;
    private final NotificationStore store;
    private final TaskQueries tasks;
    private final EmailSender email;
    private final WebhookSender webhooks;
    private final Deliveries deliveries;
    private final InterventionConfig config;
    private final ConsoleLinks links;
    private final DigestPolicy digests;
    private final MessageComposer composer;
    private final DigestWindows windows;
    private final java.util.Queue<NotificationStore.Outcome> unrecorded = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private ExecutorService senders;
    private Repeater repeater;

    public NotificationDispatcher(AgroalDataSource dataSource, NotificationStore store, TaskQueries tasks, EmailSender email,
                                  WebhookSender webhooks, InterventionConfig config, Deliveries deliveries, ConsoleLinks links,
                                  DigestWindows windows) {
        this.links = links;
        this.windows = windows;
        this.dataSource = dataSource;
        this.store = store;
        this.tasks = tasks;
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
            recordUnrecorded();
            while (digestHeldAlone() == DIGEST_PEOPLE) {
                // a full batch: more may be due
            }
            while (formDueDigest()) {
                // one digest a transaction: more may be due
            }
            while (dispatchBatch() == BATCH) {
                // a full batch: more may be due
            }
        } catch (SQLException e) {
            Log.warnf("notification dispatch paused: %s", e.getMessage());
        }
    }

    /** A task's e-mail on its first attempt: what may wait for a digest. */
    private static boolean digestible(Due n) {
        return "EMAIL".equals(n.channel()) && n.attempt() == 0 && n.taskId() != null && !n.recipient().isBlank();
    }

    private static Person person(Due n) {
        return new Person(n.tenant(), n.recipient());
    }

    /** @param task the task's facts, for a webhook message */
    private String send(Due n, Content content, TaskQueries.Facts task) {
        if ("WEBHOOK".equals(n.channel())) {
            return webhooks.send(n.tenant(), n.recipient(), new Webhooks.Message(n.event(), n.tenant(), n.taskId().toString(),
                    task.customerId(), task.tier(), task.kind(), task.dueAt().toString(), task.escalationLevel(), n.subject(),
                    content.body(), links.linkFor(n.tenant(), n.linkFor(), n.taskId())));
        }
        return email.send(n.id(), n.recipient(), n.subject(),
                        links.render(content.body(), n.tenant(), n.linkFor(), n.taskId(), false),
                        links.render(content.html(), n.tenant(), n.linkFor(), n.taskId(), true))
                .await().atMost(config.sendTimeout().plusSeconds(1));
    }

    int dispatchBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Due> due = store.lockDue(connection, BATCH);
                Map<UUID, Waiting> held = hold(connection, due);
                List<Due> sent = due.stream().filter(n -> !held.containsKey(n.id())).toList();
                Map<UUID, Content> contents = store.content(connection, sent.stream().map(Due::id).toList());
                Map<UUID, TaskQueries.Facts> facts = tasks.facts(connection,
                        sent.stream().filter(n -> "WEBHOOK".equals(n.channel())).map(Due::taskId).distinct().toList());
                Map<UUID, Future<String>> sending = new LinkedHashMap<>();
                for (Due n : sent) {
                    Content content = contents.get(n.id());
                    TaskQueries.Facts task = n.taskId() == null ? null : facts.get(n.taskId());
                    sending.put(n.id(), senders.submit(() -> send(n, content, task)));
                }
                List<NotificationStore.Outcome> outcomes = new ArrayList<>();
                for (Due n : due) {
                    Waiting digest = held.get(n.id());
                    if (digest != null) {
                        outcomes.add(new NotificationStore.Outcome(n.id(), "DIGESTED", 0, digest.due(), null, digest.id()));
                    } else {
                        DeliveryPolicy.Outcome outcome = deliveries.after(n.channel(), n.attempt() + 1,
                                DeliveryPolicy.errorOf(sending.get(n.id())), Instant.now());
                        outcomes.add(new NotificationStore.Outcome(n.id(), outcome.status(), outcome.attempt(),
                                outcome.nextAttemptAt(), outcome.error()));
                    }
                }
                try {
                    store.record(connection, outcomes);
                    connection.commit();
                    Instant now = Instant.now();
                    new LinkedHashSet<>(held.values()).forEach(digest -> windows.held(digest, now));
                } catch (SQLException | RuntimeException e) {
                    // sent, but the database did not take it (a restart, a lost connection): written first thing next
                    // time, before anything due is read again, rather than sent a second time
                    outcomes.stream().filter(o -> sending.containsKey(o.id())).forEach(unrecorded::add);
                    throw e;
                }
                return due.size();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** What was sent but could not be recorded; kept until the database takes it. */
    private void recordUnrecorded() throws SQLException {
        if (unrecorded.isEmpty()) {
            return;
        }
        List<NotificationStore.Outcome> outcomes = new ArrayList<>(unrecorded);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            store.record(connection, outcomes);
            connection.commit();
        }
        unrecorded.removeAll(outcomes);
        Log.infof("recorded %d notifications sent before the database went away", outcomes.size());
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            Log.debugf("rollback of a failed dispatch: %s", e.getMessage());
        }
    }

    /**
     * Which of the batch's e-mails are carried by a waiting digest, and by which: the person's, or one opened here. The
     * people concerned are locked for the rest of the transaction (in one order, so replicas cannot deadlock), so two
     * replicas cannot both send someone's tenth, nor open two digests for them.
     */
    private Map<UUID, Waiting> hold(Connection connection, List<Due> due) throws SQLException {
        Set<Person> people = new LinkedHashSet<>();
        due.stream().filter(NotificationDispatcher::digestible).forEach(n -> people.add(person(n)));
        if (people.isEmpty()) {
            return Map.of();
        }
        store.lock(connection, people);
        Map<Person, DigestPolicy.Person> lately = new HashMap<>();
        Map<Person, Waiting> waiting = new HashMap<>();
        store.lately(connection, people, Instant.now().minus(digests.window())).forEach((person, seen) -> {
            lately.put(person, new DigestPolicy.Person(seen.sent(), seen.waiting() == null ? null : seen.waiting().due()));
            if (seen.waiting() != null) {
                waiting.put(person, seen.waiting());
            }
        });
        Instant now = Instant.now();
        Map<UUID, Waiting> held = new HashMap<>();
        List<Waiting> opened = new ArrayList<>();
        for (Due n : due) {
            if (digestible(n)) {
                DigestPolicy.Decision decision = digests.next(lately.getOrDefault(person(n), new DigestPolicy.Person(0, null)), now);
                lately.put(person(n), decision.next());
                if (decision.heldUntil() != null) {
                    held.put(n.id(), waiting.computeIfAbsent(person(n), person -> {
                        Waiting digest = new Waiting(UUID.randomUUID(), person,
                                decision.heldUntil());
                        opened.add(digest);
                        return digest;
                    }));
                    deliveries.held(n.channel());
                }
            }
        }
        store.open(connection, opened);
        return held;
    }

    /**
     * Puts each person's e-mails held alone (they found their digest formed as they were queued) in a digest of its own,
     * due now, in one transaction.
     */
    int digestHeldAlone() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<Person, List<UUID>> held = new LinkedHashMap<>();
                store.lockHeld(connection, DIGEST_PEOPLE).forEach(n ->
                        held.computeIfAbsent(n.person(), p -> new ArrayList<>()).add(n.id()));
                Instant now = Instant.now();
                List<Waiting> opened = new ArrayList<>();
                held.keySet().forEach(person -> opened.add(new Waiting(UUID.randomUUID(), person, now)));
                store.open(connection, opened);
                for (Waiting digest : opened) {
                    store.carry(connection, digest.id(), held.get(digest.person()));
                }
                connection.commit();
                return held.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Forms a waiting digest that is due: composes what it says from what it carries (counted in the database, the most
     * urgent listed by their tasks' tiers as they stand), and queues it to be sent like any other, in one transaction;
     * false if none is due.
     */
    boolean formDueDigest() throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Waiting digest = store.lockDueDigest(connection);
                if (digest == null) {
                    connection.rollback();
                    return false;
                }
                try (Connection joins = dataSource.getConnection()) {
                    joins.setAutoCommit(true);
                    store.awaitJoins(joins, digest.person());
                }
                NotificationStore.Carried carried = store.carriedBy(connection, digest.id(), MessageComposer.DIGEST_LISTED);
                if (carried.count() == 0) {
                    store.discard(connection, digest.id());
                } else {
                    MessageComposer.Digest says = new MessageComposer.Digest(carried.count(), carried.red(),
                            carried.mostUrgent().stream().map(n -> new MessageComposer.DigestItem(n.subject(),
                                    links.plain(n.taskId()))).toList());
                    store.queue(connection, digest.id(), composer.digestSubject(says), composer.digestBody(says),
                            composer.digestHtml(says));
                    Log.infof("a digest of %d task e-mails for %s of tenant %s, formed in %d ms", carried.count(),
                            digest.person().email(), digest.person().tenant(), (System.nanoTime() - started) / 1_000_000);
                }
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
