package dev.churnsentinel.intervention.integration;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.churnsentinel.intervention.notify.DeliveryPolicy;
import dev.churnsentinel.platform.retention.TextRetention;
import dev.churnsentinel.platform.api.Keyset;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The webhook_delivery table: every query of it, for the API (reactive) and for the dispatcher (JDBC). */
@ApplicationScoped
public class DeliveryStore {

    /** The delivery list's order: by delivery id. */
    public static final Keyset<WebhookDelivery> IN_ORDER = Keyset.of("id",
            Keyset.Column.asc("id", Keyset.Type.INTEGER, d -> d.id));

    /** Queues deliveries in the caller's transaction. */
    public Uni<Void> enqueue(List<WebhookDelivery> deliveries) {
        return deliveries.isEmpty() ? Uni.createFrom().voidItem() : Panache.getSession()
                .flatMap(session -> session.persistAll(deliveries.toArray()));
    }

    @WithSession
    public Uni<List<WebhookDelivery>> page(String tenant, UUID subscription, Set<String> statuses, String after,
                                           Map<String, Object> position, int max) {
        Map<String, Object> parameters = new HashMap<>(position);
        return WebhookDelivery.<WebhookDelivery>find("from WebhookDelivery where " + where(tenant, subscription, statuses, parameters)
                + after + " order by " + IN_ORDER.orderBy(), parameters).page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> count(String tenant, UUID subscription, Set<String> statuses) {
        Map<String, Object> parameters = new HashMap<>();
        return WebhookDelivery.count(where(tenant, subscription, statuses, parameters), parameters);
    }

    private static String where(String tenant, UUID subscription, Set<String> statuses, Map<String, Object> parameters) {
        parameters.put("tenant", tenant);
        parameters.put("subscription", subscription);
        if (statuses == null) {
            return "tenant = :tenant and subscriptionId = :subscription";
        }
        parameters.put("statuses", statuses);
        return "tenant = :tenant and subscriptionId = :subscription and status in :statuses";
    }

    /** Queues the deliveries {@code fromId} to {@code toId} of a subscription again, as new; how many there were. */
    @WithTransaction
    public Uni<Integer> replay(String tenant, UUID subscription, long fromId, long toId) {
        return WebhookDelivery.update("status = 'PENDING', attempt = 0, at = ?1, nextAttemptAt = ?1, lastError = null "
                        + "where tenant = ?2 and subscriptionId = ?3 and id between ?4 and ?5", OffsetDateTime.now(), tenant,
                subscription, fromId, toId);
    }

    /** A delivery that is due, with where it goes. */
    public record Due(long id, String tenant, String event, OffsetDateTime occurredAt, String data, int attempt, String url,
                      String secret) {
    }

    /** Up to {@code max} due deliveries, locked until {@code connection}'s transaction ends; others skip them. */
    public static List<Due> claimDue(Connection connection, int max) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select d.id, d.tenant, d.event, d.occurred_at, d.data, "
                + "d.attempt, s.url, s.secret from webhook_delivery d join subscription s on s.id = d.subscription_id "
                + "where d.status in ('PENDING', 'RETRYING') and d.next_attempt_at <= now() "
                + "order by d.next_attempt_at, d.id limit ? for update of d skip locked")) {
            select.setInt(1, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(rows.getLong("id"), rows.getString("tenant"), rows.getString("event"),
                            rows.getObject("occurred_at", OffsetDateTime.class), rows.getString("data"), rows.getInt("attempt"),
                            rows.getString("url"), rows.getString("secret")));
                }
            }
        }
        return due;
    }

    /** Keeps how each attempt ended. */
    public static void record(Connection connection, Map<Long, DeliveryPolicy.Outcome> outcomes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update webhook_delivery set status = ?, attempt = ?, "
                + "at = now(), next_attempt_at = ?, last_error = ? where id = ?")) {
            for (Map.Entry<Long, DeliveryPolicy.Outcome> entry : outcomes.entrySet()) {
                DeliveryPolicy.Outcome outcome = entry.getValue();
                update.setString(1, outcome.status());
                update.setInt(2, outcome.attempt());
                update.setTimestamp(3, Timestamp.from(outcome.nextAttemptAt()));
                update.setString(4, outcome.error());
                update.setLong(5, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * Removes the deliveries about the customer (a tier change or a task of theirs: the data names the customer id), in
     * the caller's transaction; how many.
     */
    public Uni<Integer> erase(String tenant, String customerId) {
        String named = "\"customerId\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(customerId)) + "\"";
        return Panache.getSession().flatMap(session -> session.createNativeQuery("delete from webhook_delivery where "
                + "tenant = ?1 and strpos(data, ?2) > 0").setParameter(1, tenant).setParameter(2, named).executeUpdate());
    }

    /**
     * Removes up to {@code max} of the oldest deliveries made before their tenant's cutoff and no longer waiting to be
     * sent (their data quotes customers), in {@code connection}'s transaction; how many.
     */
    public static int removeOld(Connection connection, TextRetention.Cutoffs cutoffs, int max) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from webhook_delivery where id in (select id "
                + "from webhook_delivery x where x.status not in ('PENDING', 'RETRYING') and "
                + cutoffs.olderThan("x.tenant", "x.created_at") + " order by x.created_at limit ? for update skip locked)")) {
            int next = cutoffs.bind(delete, 1);
            delete.setInt(next, max);
            return delete.executeUpdate();
        }
    }
}
