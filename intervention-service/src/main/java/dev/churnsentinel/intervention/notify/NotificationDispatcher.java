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
import java.util.UUID;

/**
 * Sends the notifications that are due (e-mails and webhook messages), from the database, so a queued notification survives a restart.
 * Rows are locked while sent ({@code FOR UPDATE SKIP LOCKED}), so replicas never send the same one; a
 * failed attempt is retried with doubling back-off until {@code max-attempts}, then it is FAILED.
 */
@ApplicationScoped
public class NotificationDispatcher {
    private static final int BATCH = 20;

    private final AgroalDataSource dataSource;
    private final EmailSender email;
    private final WebhookSender webhooks;
    private final Deliveries deliveries;
    private final InterventionConfig config;
    private Repeater repeater;

    private final ConsoleLinks links;

    public NotificationDispatcher(AgroalDataSource dataSource, EmailSender email, WebhookSender webhooks,
                                  InterventionConfig config, Deliveries deliveries, ConsoleLinks links) {
        this.links = links;
        this.dataSource = dataSource;
        this.email = email;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("notification-dispatcher", config.dispatchInterval(), this::dispatchDue);
    }

    /** Before the connection pools close, so no run is cut short. */
    void stop(@Observes ShutdownEvent shutdown) {
        if (repeater != null) {
            repeater.close();
        }
    }

    void dispatchDue() {
        try {
            while (dispatchBatch() == BATCH) {
                // a full batch: more may be due
            }
        } catch (SQLException e) {
            Log.warnf("notification dispatch paused: %s", e.getMessage());
        }
    }

    private String send(ResultSet row) throws SQLException {
        UUID task = row.getObject("task_id", UUID.class);
        String tenant = row.getString("tenant");
        String linkFor = row.getString("link_for");
        if ("WEBHOOK".equals(row.getString("channel"))) {
            return webhooks.send(tenant, row.getString("recipient"), new Webhooks.Message(row.getString("event"),
                    tenant, task.toString(), row.getString("customer_id"), row.getString("tier"), row.getString("kind"),
                    row.getObject("due_at", java.time.OffsetDateTime.class).toString(), row.getInt("escalation_level"),
                    row.getString("subject"), row.getString("body"), links.linkFor(tenant, linkFor, task)));
        }
        return email.send(row.getString("recipient"), row.getString("subject"),
                        links.render(row.getString("body"), tenant, linkFor, task, false),
                        links.render(row.getString("html"), tenant, linkFor, task, true))
                .await().atMost(config.sendTimeout().plusSeconds(1));
    }

    int dispatchBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            int handled = 0;
            try (PreparedStatement due = connection.prepareStatement(
                    "select n.id, n.recipient, n.subject, n.body, n.html, n.link_for, n.attempt, n.channel, n.tenant, n.event, "
                            + "n.task_id, t.customer_id, t.tier, t.kind, t.due_at, t.escalation_level "
                            + "from notification n join task t on t.id = n.task_id "
                            + "where n.status in ('PENDING', 'RETRYING') and n.next_attempt_at <= now() "
                            + "order by n.next_attempt_at limit ? for update of n skip locked");
                 PreparedStatement update = connection.prepareStatement(
                         "update notification set status = ?, attempt = ?, at = now(), next_attempt_at = ?, last_error = ? "
                                 + "where id = ?")) {
                due.setInt(1, BATCH);
                try (ResultSet rows = due.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject("id", UUID.class);
                        String error = send(rows);
                        DeliveryPolicy.Outcome outcome = deliveries.after(rows.getString("channel"), rows.getInt("attempt") + 1,
                                error, Instant.now());
                        update.setString(1, outcome.status());
                        update.setInt(2, outcome.attempt());
                        update.setTimestamp(3, Timestamp.from(outcome.nextAttemptAt()));
                        update.setString(4, outcome.error());
                        update.setObject(5, id);
                        update.executeUpdate();
                        handled++;
                    }
                }
                connection.commit();
                return handled;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
