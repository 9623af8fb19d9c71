package dev.churnsentinel.scoring.health;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One move of a customer's tier, with the assessment that caused it (its {@code reason}, which holds the evidence
 * quotes of high-risk phrases). Erasing a customer deletes their rows ({@link #erase}).
 */
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

    private static final String ERASE = "delete from health_history where tenant = ?1 and customer_id = ?2";

    /** Deletes the customer's history in the caller's transaction (a native statement) and answers how many rows went. */
    public static Uni<Integer> erase(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ERASE).setParameter(1, tenant)
                .setParameter(2, customerId).executeUpdate());
    }
}
