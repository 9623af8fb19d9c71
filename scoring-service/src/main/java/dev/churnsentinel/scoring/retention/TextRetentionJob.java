package dev.churnsentinel.scoring.retention;

import dev.churnsentinel.platform.retention.TextRetention;
import dev.churnsentinel.platform.jobs.Repeater;
import dev.churnsentinel.scoring.health.CustomerHealth;
import dev.churnsentinel.scoring.health.HealthHistory;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Removes what customers wrote once it is older than their tenant's retention ({@link TextRetention}): the evidence
 * quotes in the tier history's reasons, in the customers' signals and in their latest assessments. Tiers, scores,
 * phrase categories and offsets stay. Every {@code sentinel.retention.every} (a day), a batch per transaction, so it
 * never holds many rows locked nor a long transaction; a run that fails is tried again at the next.
 */
@ApplicationScoped
public class TextRetentionJob {
    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private final TextRetention rule;
    private final AtomicBoolean running = new AtomicBoolean();
    private Repeater repeater;

    public TextRetentionJob(AgroalDataSource dataSource, RetentionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.rule = config.rule();
    }

    /** What one run stripped: tier-history rows and customers. */
    public record Result(long history, long customers) {
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("text-retention", config.every(), () -> {
            Result result = run(Instant.now());
            if (result.history() > 0 || result.customers() > 0) {
                Log.infof("text retention: quotes stripped from %d tier-history rows and %d customers",
                        result.history(), result.customers());
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (repeater != null) {
            repeater.close();
        }
    }

    /** Strips every quote that is old as of {@code now}; blocking. A run already going in this replica covers this one. */
    public Result run(Instant now) {
        if (!running.compareAndSet(false, true)) {
            return new Result(0, 0);
        }
        TextRetention.Cutoffs cutoffs = rule.cutoffs(now);
        int batch = config.batch();
        long history = 0, customers = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true); // each statement, a batch, commits on its own
            int stripped;
            do {
                stripped = HealthHistory.stripOldEvidence(connection, cutoffs, batch);
                history += stripped;
            } while (stripped == batch);
            CustomerHealth.Key after = new CustomerHealth.Key("", "");
            while (after != null) {
                CustomerHealth.Stripped done = CustomerHealth.stripOldEvidence(connection, cutoffs, after, batch);
                customers += done.changed();
                after = done.last();
            }
            return new Result(history, customers);
        } catch (SQLException e) {
            throw new IllegalStateException("text retention stopped after " + history + " tier-history rows and "
                    + customers + " customers: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }
}
