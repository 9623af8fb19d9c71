package dev.churnsentinel.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "sentinel.outbox")
public interface OutboxConfig {
    /**
     * How often the relay looks for waiting messages. A message waits half of it on average, at each service it passes
     * through; a look that finds nothing is one indexed query.
     */
    @WithDefault("100ms")
    Duration pollInterval();

    /**
     * Most messages relayed in one transaction. Each batch waits for Kafka's acknowledgement before the next is taken, so
     * the batch size bounds the relay's pace: 500 relayed 12-15 k/s under load, less than ingestion accepts.
     */
    @WithDefault("2000")
    int batchSize();

    /** How long to wait for Kafka to acknowledge a batch before trying again later. */
    @WithDefault("10s")
    Duration sendTimeout();
}
