package dev.churnsentinel.scoring.health;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One move of a customer's tier, with the assessment that caused it. */
@Entity
@Table(name = "health_history")
public class HealthHistory extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenant;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "risk_score")
    public double riskScore;
    public String tier;
    public String stage;
    public String reason;
    @Column(name = "computed_at")
    public OffsetDateTime computedAt;
}
