package dev.churnsentinel.intervention.retention;

import dev.churnsentinel.platform.retention.TextRetention;
import dev.churnsentinel.intervention.erasure.ErasedCustomers;
import dev.churnsentinel.intervention.integration.DeliveryStore;
import dev.churnsentinel.intervention.notify.NotificationStore;
import dev.churnsentinel.intervention.task.AuditTrail;
import dev.churnsentinel.intervention.task.TaskQueries;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removes the customers' words older than their tenant's limit ({@link TextRetention}) from what intervention keeps:
 * evidence quotes and signal details, root causes and actions on tasks; comments, notes and reasons in audit trails;
 * notification bodies; subscription deliveries. What the reports count stays. Also forgets erased customers once no
 * tier change of theirs can still arrive. Each table in batches of {@code batch} rows, a transaction each, locked
 * {@code FOR UPDATE SKIP LOCKED}: replicas running it at once share the work.
 */
@ApplicationScoped
public class RetentionJob {
    /** One table's removal: a batch in the given transaction, answering how many rows it changed. */
    private interface Batch {
        int run(Connection connection, TextRetention.Cutoffs cutoffs, int max) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private final TextRetention retention;

    public RetentionJob(AgroalDataSource dataSource, RetentionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        Map<String, Integer> tenantDays = new TreeMap<>();
        config.tenants().forEach((tenant, own) -> tenantDays.put(tenant, own.textDays()));
        this.retention = new TextRetention(config.textDays(), tenantDays);
    }

    @Scheduled(identity = "text-retention", cron = "{sentinel.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Map<String, Integer> removed = run(Instant.now());
            Log.infof("retention: old words removed %s", removed);
        } catch (SQLException e) {
            Log.warnf("retention paused, will run again at its next time: %s", e.getMessage());
        }
    }

    /** Removes what is old at {@code now}; how many rows of each kind. */
    public Map<String, Integer> run(Instant now) throws SQLException {
        TextRetention.Cutoffs cutoffs = retention.cutoffs(now);
        Map<String, Integer> removed = new LinkedHashMap<>();
        removed.put("tasks", all(TaskQueries::removeOldWords, cutoffs));
        removed.put("taskEvents", all(AuditTrail::removeOldWords, cutoffs));
        removed.put("notifications", all(NotificationStore::removeOldWords, cutoffs));
        removed.put("webhookDeliveries", all(DeliveryStore::removeOld, cutoffs));
        Instant forgetBefore = now.minus(config.erasedCustomersKeep());
        removed.put("erasedCustomers", all((connection, ignored, max) -> ErasedCustomers.prune(connection, forgetBefore, max),
                cutoffs));
        return removed;
    }

    /** Batches of {@code batch} until one comes back short. */
    private int all(Batch batch, TextRetention.Cutoffs cutoffs) throws SQLException {
        int total = 0;
        int changed;
        do {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    changed = batch.run(connection, cutoffs, config.batch());
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
            total += changed;
        } while (changed == config.batch());
        return total;
    }
}
