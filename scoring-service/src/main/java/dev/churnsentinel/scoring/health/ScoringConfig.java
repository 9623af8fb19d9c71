package dev.churnsentinel.scoring.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sentinel.scoring")
public interface ScoringConfig {
    /** Kafka topic of tier changes, keyed by tenant and customer. */
    @WithDefault("churnsentinel.tier-changes.v1")
    String tierChangeTopic();

    /** Kafka topic of erasure steps (one per customer erased), keyed by tenant and customer. */
    @WithDefault("churnsentinel.erasures.v1")
    String erasureTopic();

    /** Weight of a new value in a customer's usual level (0..1): higher forgets history faster. */
    @WithDefault("0.3")
    double baselineSmoothing();

    /** How often the silence scan runs on its own (it also runs on POST /api/v1/admin/silence-scan). */
    @WithDefault("1h")
    java.time.Duration silenceScanInterval();

    /** Customers reassessed per transaction by the silence scan. */
    @WithDefault("500")
    int silenceScanBatch();
}
