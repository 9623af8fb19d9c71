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

    /**
     * Customers each replica remembers as having a row, so that their items skip the customer upsert (a bare row is made
     * for a customer first seen in feedback or events). Beyond it, the least recently seen are forgotten, and their
     * next item checks the database again. About 100 bytes each.
     */
    @WithDefault("100000")
    long knownCustomers();

    /**
     * Statements of one kind and tenant that each replica runs at once; requests arriving while they run wait and go
     * together in the next statement (up to a batch's worth of items), so many callers sending one item each share
     * round trips and commits. At most the reactive pool's size is useful.
     */
    @WithDefault("4")
    int statementsInFlight();

    /** Most items in one batch request. */
    @WithDefault("1000")
    int maxBatchSize();
}
