package dev.churnsentinel.ingestion.feedback;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "feedback")
public class Feedback extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenant;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "customer_id")
    public String customerId;
    public String channel;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    public String text;
    public Integer nps;
    public Integer satisfaction;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
}
