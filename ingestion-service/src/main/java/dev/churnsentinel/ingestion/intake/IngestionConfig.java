package dev.churnsentinel.ingestion.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sentinel.ingestion")
public interface IngestionConfig {
    /** Kafka topic of everything ingested, keyed by tenant and customer. */
    @WithDefault("churnsentinel.ingest.v1")
    String topic();

    /** Most items in one batch request. */
    @WithDefault("1000")
    int maxBatchSize();
}
