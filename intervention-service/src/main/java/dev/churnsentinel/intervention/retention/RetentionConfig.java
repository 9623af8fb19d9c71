package dev.churnsentinel.intervention.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** How long intervention keeps the customers' words, and when it removes the old ones. */
@ConfigMapping(prefix = "sentinel.retention")
public interface RetentionConfig {
    /** Days the customers' words are kept (evidence quotes, notes, comments, notification bodies). */
    @WithDefault("730")
    int textDays();

    /** A tenant's own number of days: {@code sentinel.retention.tenants.<tenant>.text-days}. */
    Map<String, Tenant> tenants();

    interface Tenant {
        int textDays();
    }

    /** When the retention job runs (a Quarkus cron expression; {@code off} disables it). */
    @WithDefault("0 30 3 * * ?")
    String cron();

    /** Rows changed per transaction of the job. */
    @WithDefault("500")
    int batch();

    /**
     * How long an erased customer is remembered, to ignore their tier changes made before the erasure and delivered
     * after it: the tier-change topic's retention (14 days) and a day.
     */
    @WithDefault("15d")
    Duration erasedCustomersKeep();
}
