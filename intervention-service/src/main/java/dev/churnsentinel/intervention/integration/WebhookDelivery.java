package dev.churnsentinel.intervention.integration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event for one subscription and where its delivery stands: PENDING, SENT, RETRYING (another attempt is due at
 * {@code nextAttemptAt}) or FAILED (after the last attempt; a replay queues it again).
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
    /** The delivery id: increasing in the order deliveries are made, taken 50 at a time from the column's sequence. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_delivery_ids")
    @SequenceGenerator(name = "webhook_delivery_ids", sequenceName = "webhook_delivery_id_seq", allocationSize = 50)
    public Long id;
    public String tenant;
    @Column(name = "subscription_id")
    public UUID subscriptionId;
    public String event;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    /** The event's data, a JSON object. */
    public String data;
    public String status;
    public int attempt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    public OffsetDateTime at;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
}
