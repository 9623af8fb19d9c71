package dev.churnsentinel.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A message waiting in the service's own schema to be relayed to Kafka. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(nullable = false)
    public byte[] payload;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The trace of the request that wrote it ({@link TraceParent}), or null. */
    @Column(name = "trace_parent")
    public String traceParent;
}
