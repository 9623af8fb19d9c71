package dev.churnsentinel.scoring.health;

import dev.churnsentinel.platform.retention.TextRetention;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * One move of a customer's tier, with the assessment that caused it (its {@code reason}, which holds the evidence
 * quotes of high-risk phrases). Erasing a customer deletes their rows ({@link #erase}); quotes older than the tenant's
 * retention are stripped ({@link #stripOldEvidence}).
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

    /**
     * An assessment (JSON text, {@code %1$s}) without its quotes: each override loses its {@code evidence} and the
     * offsets in it; the phrase's category, offsets in the feedback and everything else stay.
     */
    static final String WITHOUT_EVIDENCE = "case when jsonb_typeof(cast(%1$s as jsonb) -> 'overrides') = 'array' "
            + "then cast(jsonb_set(cast(%1$s as jsonb), '{overrides}', (select coalesce(jsonb_agg(o - 'evidence' "
            + "- 'evidenceStart' - 'evidenceEnd' order by i), '[]'::jsonb) from jsonb_array_elements("
            + "cast(%1$s as jsonb) -> 'overrides') with ordinality as e(o, i))) as text) else %1$s end";
    /** Whether an assessment (JSON text) may hold a quote; the index health_history_evidence holds the rows it is true of. */
    static final String HOLDS_EVIDENCE = "%s like '%%\"evidence\"%%'";
    /**
     * Strips a batch of the oldest reasons that still quote a customer and were assessed before their tenant's cutoff
     * (parameters: the tenants with days of their own, their cutoffs, every other tenant's cutoff, the latest cutoff,
     * the batch size).
     */
    private static final String STRIP_OLD_EVIDENCE = ("with cutoffs as (select t, c from unnest(cast(? as text[]), "
            + "cast(cast(? as text[]) as timestamptz[])) as u(t, c)), "
            + "old as (select h.id from health_history h left join cutoffs on cutoffs.t = h.tenant "
            + "where " + HOLDS_EVIDENCE.formatted("h.reason") + " and h.computed_at < coalesce(cutoffs.c, cast(? as timestamptz)) "
            + "and h.computed_at < cast(? as timestamptz) order by h.computed_at limit ?) "
            + "update health_history h set reason = " + WITHOUT_EVIDENCE.formatted("h.reason") + " from old where h.id = old.id");

    /**
     * Strips the quotes from one batch of tier-history reasons assessed before their tenant's cutoff, in a transaction
     * of its own (the connection's), and answers how many rows it changed: fewer than {@code batch} means none are left.
     */
    public static int stripOldEvidence(Connection connection, TextRetention.Cutoffs cutoffs,
                                       int batch) throws SQLException {
        try (PreparedStatement strip = connection.prepareStatement(STRIP_OLD_EVIDENCE)) {
            strip.setArray(1, connection.createArrayOf("text", cutoffs.tenants().toArray()));
            strip.setArray(2, connection.createArrayOf("text", cutoffs.at().stream().map(Object::toString).toArray()));
            strip.setString(3, cutoffs.others().toString());
            strip.setString(4, cutoffs.latest().toString());
            strip.setInt(5, batch);
            return strip.executeUpdate();
        }
    }

    /** Deletes the customer's history in the caller's transaction (a native statement) and answers how many rows went. */
    public static Uni<Integer> erase(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ERASE).setParameter(1, tenant)
                .setParameter(2, customerId).executeUpdate());
    }
}
