package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.platform.jobs.Repeater;
import dev.churnsentinel.intervention.InterventionConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Sends the notifications that are due, from the database, so a queued notification survives a restart.
 * Rows are locked while sent ({@code FOR UPDATE SKIP LOCKED}), so replicas never send the same one; a
 * failed attempt is retried with doubling back-off until {@code max-attempts}, then it is FAILED.
 */
@ApplicationScoped
public class NotificationDispatcher {
    private static final int BATCH = 20;

    private final AgroalDataSource dataSource;
    private final Mailer mailer;
    private final InterventionConfig config;
    private Repeater repeater;

    public NotificationDispatcher(AgroalDataSource dataSource, Mailer mailer, InterventionConfig config) {
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("notification-dispatcher", config.dispatchInterval(), this::dispatchDue);
    }

    @PreDestroy
    void stop() {
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

    int dispatchBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            int handled = 0;
            try (PreparedStatement due = connection.prepareStatement(
                    "select id, recipient, subject, body, attempt from notification "
                            + "where status in ('PENDING', 'RETRYING') and next_attempt_at <= now() "
                            + "order by next_attempt_at limit ? for update skip locked");
                 PreparedStatement update = connection.prepareStatement(
                         "update notification set status = ?, attempt = ?, at = now(), next_attempt_at = ?, last_error = ? "
                                 + "where id = ?")) {
                due.setInt(1, BATCH);
                try (ResultSet rows = due.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        int attempt = rows.getInt(5) + 1;
                        String error = send(rows.getString(2), rows.getString(3), rows.getString(4));
                        String status = error == null ? "SENT" : attempt >= config.maxAttempts() ? "FAILED" : "RETRYING";
                        Duration wait = config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
                        update.setString(1, status);
                        update.setInt(2, attempt);
                        update.setTimestamp(3, Timestamp.from(Instant.now().plus(wait)));
                        update.setString(4, error);
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

    /** Sends one e-mail; returns why it failed, or null. */
    private String send(String recipient, String subject, String body) {
        try {
            mailer.send(Mail.withText(recipient, subject, body));
            return null;
        } catch (RuntimeException e) {
            Log.warnf("e-mail to %s failed: %s", recipient, e.getMessage());
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
