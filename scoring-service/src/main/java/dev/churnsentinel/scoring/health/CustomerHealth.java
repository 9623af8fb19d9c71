package dev.churnsentinel.scoring.health;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A customer's signals and latest assessment, both JSON documents kept as text (V5), with the columns the at-risk list
 * sorts on. Erasing a customer deletes their row ({@link #erase}).
 */
@Entity
@Table(name = "customer_health")
@IdClass(CustomerHealth.Key.class)
public class CustomerHealth extends PanacheEntityBase {
    @Id
    public String tenant;
    @Id
    @Column(name = "customer_id")
    public String customerId;
    public String signals;
    public String assessment;
    @Column(name = "risk_score")
    public double riskScore;
    public String tier;
    public String stage;
    /** The tier last announced to intervention (an alert or a recovery). */
    @Column(name = "alerted_tier")
    public String alertedTier;
    /** The tier and time of the last alert, for the cool-down. */
    @Column(name = "last_alert_tier")
    public String lastAlertTier;
    @Column(name = "last_alert_at")
    public OffsetDateTime lastAlertAt;
    /** When the silence scan should look at this customer next (see {@code RiskModel.silenceFloorAt}), or null. */
    @Column(name = "silent_after")
    public OffsetDateTime silentAfter;
    /** Whether the last assessment found the customer silent beyond their silence floor (V6). */
    @Column(name = "silence_found")
    public boolean silenceFound;
    public String segment;
    @Column(name = "value_tier")
    public String valueTier;
    @Column(name = "annual_value")
    public BigDecimal annualValue;
    @Column(name = "model_version")
    public int modelVersion;
    @Column(name = "computed_at")
    public OffsetDateTime computedAt;

    private static final String ERASE = "delete from customer_health where tenant = ?1 and customer_id = ?2";

    /**
     * Deletes the customer's row with a native statement in the caller's transaction and answers how many rows went (0
     * or 1). The caller flushes its session before and clears it after, so no managed copy of the row outlives it.
     */
    public static Uni<Integer> erase(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ERASE).setParameter(1, tenant)
                .setParameter(2, customerId).executeUpdate());
    }

    public static class Key implements Serializable {
        public String tenant;
        public String customerId;

        public Key() {
        }

        public Key(String tenant, String customerId) {
            this.tenant = tenant;
            this.customerId = customerId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenant, k.tenant) && Objects.equals(customerId, k.customerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, customerId);
        }
    }
}
