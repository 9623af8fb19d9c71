package dev.churnsentinel.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitoredMetricsTest {
    @Test
    void readsTheMetricNamesAndNotTheFunctionsLabelsOrVariables() {
        assertEquals(Set.of("sentinel_feedback_to_task_seconds_bucket"), MonitoredMetrics.in(
                "histogram_quantile(0.99, sum by (tier, le) (rate(sentinel_feedback_to_task_seconds_bucket{namespace=\"$namespace\"}[$__rate_interval]))) > 60"));
        assertEquals(Set.of("sql_pool_queue_size", "sql_pool_ratio"), MonitoredMetrics.in(
                "max by (job) (sql_pool_queue_size{pool_type=\"sql\"}) > 0 and max by (job) (sql_pool_ratio) >= 0.9"));
        assertEquals(Set.of("up"), MonitoredMetrics.in("up{job=~\"(a|b)-service\"} == 0"));
    }

    @Test
    void theShippedMonitoringReadsTheServicesOwnMetrics() throws Exception {
        Set<String> used = MonitoredMetrics.used(Path.of("..", "k8s", "monitoring"));
        assertTrue(used.containsAll(Set.of("sentinel_tasks_overdue", "sentinel_outbox_pending", "sentinel_dead_letters_total",
                "kafka_consumer_fetch_manager_records_lag_max", "grpc_client_processing_duration_seconds_bucket")), used.toString());
    }
}
