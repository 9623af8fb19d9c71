package dev.churnsentinel.ingestion.erasure;

import dev.churnsentinel.ingestion.intake.IntakeStore;
import dev.churnsentinel.platform.jobs.Repeater;
import dev.churnsentinel.platform.retention.TextRetention;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Removes the text of feedback older than its tenant's retention ({@link TextRetention}), every
 * {@code sentinel.retention.every} and in transactions of a batch each; the feedback's scores, channel and time stay.
 */
@ApplicationScoped
public class TextRetentionJob {
    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private final TextRetention rule;
    private Repeater repeater;

    public TextRetentionJob(AgroalDataSource dataSource, RetentionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.rule = new TextRetention(config.textDays(), config.tenants().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().textDays())));
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("text-retention", config.every(), this::runLogged);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (repeater != null) {
            repeater.close();
        }
    }

    private void runLogged() {
        try {
            long removed = run(Instant.now());
            if (removed > 0) {
                Log.infof("retention removed the text of %d feedback items", removed);
            }
        } catch (SQLException e) {
            Log.warnf("text retention paused, will retry: %s", e.getMessage());
        }
    }

    /** Removes every text past its tenant's cutoff at {@code now}, a batch per transaction; answers how many. */
    long run(Instant now) throws SQLException {
        TextRetention.Cutoffs cutoffs = rule.cutoffs(now);
        long removed = 0;
        try (Connection connection = dataSource.getConnection()) {
            int changed;
            do {
                changed = IntakeStore.expireTexts(connection, cutoffs, config.batch());
                removed += changed;
            } while (changed == config.batch());
        }
        return removed;
    }
}
