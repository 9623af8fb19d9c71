package dev.churnsentinel.scoring.health;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One move of a customer's tier, with the assessment that caused it. */
@Entity
@Table(name = "health_history")
public class HealthHistory extends PanacheEntityBase {
    /** Taken from the column's own sequence, 50 at a time (it counts in steps of 50), so inserts can be batched. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "health_history_ids")
    @SequenceGenerator(name = "health_history_ids", sequenceName = "health_history_id_seq", allocationSize = 50)
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
