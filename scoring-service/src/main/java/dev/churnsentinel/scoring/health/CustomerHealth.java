package dev.churnsentinel.scoring.health;

import dev.churnsentinel.platform.retention.TextRetention;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A customer's signals and latest assessment, both JSON documents kept as text (V5), with the columns the at-risk list
 * sorts on. Erasing a customer deletes their row ({@link #erase}); their quotes older than the tenant's retention are
 * stripped ({@link #stripOldEvidence}).
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

    /** Whether the signals (JSON text) quote the customer in a high-risk phrase said before the row's {@code cutoff}. */
    private static final String OLD_QUOTE_IN_SIGNALS = "(h.signals like '%\"evidence\"%' and exists (select 1 from "
            + "jsonb_array_elements(case when jsonb_typeof(cast(h.signals as jsonb) -> 'riskEvidence') = 'array' "
            + "then cast(h.signals as jsonb) -> 'riskEvidence' else '[]'::jsonb end) as e(r) where r -> 'evidence' is not null "
            + "and r ->> 'at' is not null and cast(r ->> 'at' as timestamptz) < b.cutoff))";
    /** The signals without the quotes of phrases said before the row's {@code cutoff}. */
    private static final String SIGNALS_WITHOUT_OLD_QUOTES = "cast(jsonb_set(cast(h.signals as jsonb), '{riskEvidence}', "
            + "(select coalesce(jsonb_agg(case when r ->> 'at' is not null and cast(r ->> 'at' as timestamptz) < b.cutoff "
            + "then r - 'evidence' else r end order by i), '[]'::jsonb) from jsonb_array_elements(cast(h.signals as jsonb) "
            + "-> 'riskEvidence') with ordinality as e(r, i))) as text)";
    /** Whether the latest assessment was made before the row's {@code cutoff} and may quote the customer. */
    private static final String OLD_QUOTE_IN_ASSESSMENT = "(h.computed_at < b.cutoff and "
            + HealthHistory.HOLDS_EVIDENCE.formatted("h.assessment") + ")";
    /**
     * Reads the next batch of customers after a key (tenant, customer) and strips from those that quote them the quotes
     * older than their tenant's cutoff: in the signals, the phrases said before it; the whole latest assessment when
     * made before it. Answers one row (what it changed, how many it read, the last key) or none after the last customer.
     * Parameters: the tenants with days of their own, their cutoffs, every other tenant's cutoff, the key, the batch size.
     */
    private static final String STRIP_OLD_EVIDENCE = "with cutoffs as (select t, c from unnest(cast(? as text[]), "
            + "cast(cast(? as text[]) as timestamptz[])) as u(t, c)), "
            + "b as (select h.tenant, h.customer_id, coalesce(cutoffs.c, cast(? as timestamptz)) as cutoff "
            + "from customer_health h left join cutoffs on cutoffs.t = h.tenant where (h.tenant, h.customer_id) > (?, ?) "
            + "order by h.tenant, h.customer_id limit ?), "
            + "stripped as (update customer_health h set "
            + "signals = case when " + OLD_QUOTE_IN_SIGNALS + " then " + SIGNALS_WITHOUT_OLD_QUOTES + " else h.signals end, "
            + "assessment = case when " + OLD_QUOTE_IN_ASSESSMENT + " then "
            + HealthHistory.WITHOUT_EVIDENCE.formatted("h.assessment") + " else h.assessment end "
            + "from b where h.tenant = b.tenant and h.customer_id = b.customer_id and (" + OLD_QUOTE_IN_SIGNALS
            + " or " + OLD_QUOTE_IN_ASSESSMENT + ") returning 1) "
            + "select (select count(*) from stripped), (select count(*) from b), last.tenant, last.customer_id "
            + "from (select tenant, customer_id from b order by tenant desc, customer_id desc limit 1) as last";

    /** What one batch of {@link #stripOldEvidence} did: customers changed and read, and the key to go on after (null: done). */
    public record Stripped(int changed, int read, Key last) {
    }

    /**
     * Strips the old quotes of one batch of customers after {@code after} (an empty key starts at the first), in a
     * transaction of its own (the connection's); a row being rewritten by an ingest poll is waited for.
     */
    public static Stripped stripOldEvidence(Connection connection,
                                            TextRetention.Cutoffs cutoffs, Key after,
                                            int batch) throws SQLException {
        try (PreparedStatement strip = connection.prepareStatement(STRIP_OLD_EVIDENCE)) {
            strip.setArray(1, connection.createArrayOf("text", cutoffs.tenants().toArray()));
            strip.setArray(2, connection.createArrayOf("text", cutoffs.at().stream().map(Object::toString).toArray()));
            strip.setString(3, cutoffs.others().toString());
            strip.setString(4, after.tenant);
            strip.setString(5, after.customerId);
            strip.setInt(6, batch);
            try (ResultSet row = strip.executeQuery()) {
                if (!row.next()) {
                    return new Stripped(0, 0, null);
                }
                int read = row.getInt(2);
                return new Stripped(row.getInt(1), read, read < batch ? null : new Key(row.getString(3), row.getString(4)));
            }
        }
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
