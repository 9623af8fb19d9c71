package dev.churnsentinel.ingestion.erasure;

import dev.churnsentinel.ingestion.intake.IntakeStore;
import dev.churnsentinel.platform.jobs.Repeater;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes the text of feedback older than its tenant's retention ({@code sentinel.retention.text-days}, default 730, or
 * the tenant's own), on a schedule and in transactions of a batch each; the feedback's scores, channel and time stay.
 */
@ApplicationScoped
public class TextRetention {
    /** Whose feedback loses its text before when: one tenant's, or (tenant null) every tenant's but {@code except}. */
    record Cut(String tenant, Set<String> except, Instant before) {
    }

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private Repeater repeater;

    public TextRetention(AgroalDataSource dataSource, RetentionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("text-retention", config.every(), this::runLogged);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (repeater != null) {
            repeater.close();
        }
    }

    /** The cuts at {@code now}: every tenant at the default but those with their own days, then each of those. */
    static List<Cut> cuts(Instant now, int defaultDays, Map<String, Integer> tenantDays) {
        List<Cut> cuts = new ArrayList<>();
        cuts.add(new Cut(null, Set.copyOf(tenantDays.keySet()), now.minus(Duration.ofDays(defaultDays))));
        tenantDays.forEach((tenant, days) -> cuts.add(new Cut(tenant, Set.of(), now.minus(Duration.ofDays(days)))));
        return cuts;
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

    /** Applies every cut as of {@code now}, a batch per transaction; answers how many texts were removed. */
    long run(Instant now) throws SQLException {
        Map<String, Integer> tenantDays = new java.util.TreeMap<>();
        config.tenants().forEach((tenant, own) -> tenantDays.put(tenant, own.textDays()));
        long removed = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (Cut cut : cuts(now, config.textDays(), tenantDays)) {
                int changed;
                do {
                    changed = IntakeStore.expireTexts(connection, cut.tenant(), cut.except(), cut.before(), config.batch());
                    removed += changed;
                } while (changed == config.batch());
            }
        }
        return removed;
    }
}
