package dev.churnsentinel.ingestion.events;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "customer_event")
public class CustomerEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenant;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "customer_id")
    public String customerId;
    public String type;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    public BigDecimal amount;
    @JdbcTypeCode(SqlTypes.JSON)
    public String attributes;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
}
