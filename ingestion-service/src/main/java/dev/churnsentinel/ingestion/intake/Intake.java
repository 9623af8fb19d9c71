package dev.churnsentinel.ingestion.intake;

import dev.churnsentinel.outbox.Outbox;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one way an item comes in: claim its externalId (a unique key, so concurrent retries cannot both win),
 * store it, make sure its customer exists, and announce it through the outbox, all in the caller's
 * transaction. Everything about a customer is keyed "tenant/customerId" so it stays in order on Kafka.
 */
@ApplicationScoped
public class Intake {
    private final Outbox outbox;
    private final IngestionConfig config;

    public Intake(Outbox outbox, IngestionConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Call inside {@code @WithTransaction}. {@code store} persists the item under the id it is given. */
    public Uni<Accepted> acceptOnce(String tenant, String kind, String externalId, String customerId,
                                    Function<UUID, Uni<?>> store, Function<UUID, IngestRecord.Builder> announcement) {
        UUID candidate = UUID.randomUUID();
        return claim(tenant, kind, externalId, candidate).flatMap(claimed -> {
            if (!claimed.equals(candidate)) {
                return Uni.createFrom().item(new Accepted(claimed, true));
            }
            return store.apply(candidate)
                    .chain(() -> ensureCustomer(tenant, customerId))
                    .chain(() -> publish(tenant, customerId, announcement.apply(candidate)))
                    .replaceWith(new Accepted(candidate, false));
        });
    }

    /** Accepts a batch's valid items one after the other in the caller's transaction, keeping their indexes. */
    public static <T> Uni<List<BatchResult.Result>> inOrder(List<BatchReader.Item<T>> items, Function<T, Uni<Accepted>> accept) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> accept.apply(item.value())
                        .map(accepted -> new BatchResult.Result(item.index(), accepted.id(), accepted.duplicate())))
                .collect().asList();
    }

    /** The item id that owns this externalId: {@code candidate} if this call claimed it. */
    private Uni<UUID> claim(String tenant, String kind, String externalId, UUID candidate) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into idempotency_key (tenant, kind, external_id, item_id) values (?1, ?2, ?3, ?4) "
                                + "on conflict do nothing returning item_id", UUID.class)
                .setParameter(1, tenant).setParameter(2, kind).setParameter(3, externalId).setParameter(4, candidate)
                .getSingleResultOrNull()
                .flatMap(inserted -> inserted != null ? Uni.createFrom().item(inserted)
                        : session.createNativeQuery("select item_id from idempotency_key "
                                        + "where tenant = ?1 and kind = ?2 and external_id = ?3", UUID.class)
                                .setParameter(1, tenant).setParameter(2, kind).setParameter(3, externalId)
                                .getSingleResult()));
    }

    /** Feedback and events for an unknown customer create a bare profile. */
    private Uni<Void> ensureCustomer(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into customer (tenant, customer_id, created_at, updated_at) values (?1, ?2, now(), now()) "
                                + "on conflict do nothing")
                .setParameter(1, tenant).setParameter(2, customerId)
                .executeUpdate()).replaceWithVoid();
    }

    /** Writes the record to the outbox, to be relayed to Kafka after the transaction commits. */
    public Uni<Void> publish(String tenant, String customerId, IngestRecord.Builder record) {
        IngestRecord message = record.setId(UUID.randomUUID().toString())
                .setTenant(tenant).setCustomerId(customerId)
                .setAcceptedAt(OffsetDateTime.now().toString())
                .build();
        return outbox.enqueue(config.topic(), tenant + "/" + customerId, message.toByteArray());
    }
}
