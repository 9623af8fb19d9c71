package dev.churnsentinel.ingestion.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sentinel.ingestion")
public interface IngestionConfig {
    /** Kafka topic of everything ingested, keyed by tenant and customer. */
    @WithDefault("churnsentinel.ingest.v1")
    String topic();

    /**
     * Outbox backlog (messages not yet in Kafka) beyond which writes are refused with 503 and Retry-After,
     * so a long Kafka outage fills neither the database nor memory without the callers knowing.
     */
    @WithDefault("200000")
    long maxOutboxBacklog();

    /** Seconds a refused caller is asked to wait. */
    @WithDefault("10")
    int retryAfterSeconds();

    /** Most items in one batch request. */
    @WithDefault("1000")
    int maxBatchSize();
}
