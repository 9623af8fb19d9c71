package dev.churnsentinel.ingestion.intake;

import dev.churnsentinel.platform.ids.Ids;
import dev.churnsentinel.outbox.Outbox;
import dev.churnsentinel.outbox.TraceParent;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one way items come in, one or a thousand at a time: each gets an id and its announcement, the store
 * claims and keeps them in one statement, and every item is answered as accepted or as a duplicate (of an
 * earlier request, or of an item earlier in the same batch). Announcements are keyed "tenant/customerId",
 * so everything about one customer stays in order on Kafka.
 */
@ApplicationScoped
public class Intake {
    /** What an item is, to the store: each kind its table, each table its own externalIds. */
    public enum Kind {
        FEEDBACK("feedback"), EVENT("customer_event");

        private final String table;

        Kind(String table) {
            this.table = table;
        }

        public String table() {
            return table;
        }
    }

    /** How to read one kind of item: its keys, its announcement, and its table's own columns. */
    public record Shape<T>(ItemTable<T> table, Function<T, String> externalId, Function<T, String> customerId,
                           BiFunction<UUID, T, IngestRecord.Builder> announcement) {
    }

    private final IntakeStore store;
    private final Outbox outbox;
    private final IngestionConfig config;

    private final MeterRegistry meters;

    public Intake(IntakeStore store, Outbox outbox, IngestionConfig config, MeterRegistry meters) {
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.meters = meters;
    }

    /** {@code sentinel_ingested_total{kind, tenant, outcome}}: items accepted, and duplicates answered. */
    private void count(String tenant, Kind kind, List<Accepted> answers) {
        long duplicates = answers.stream().filter(Accepted::duplicate).count();
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        meters.counter("sentinel.ingested", "kind", name, "tenant", tenant, "outcome", "accepted")
                .increment(answers.size() - duplicates);
        if (duplicates > 0) {
            meters.counter("sentinel.ingested", "kind", name, "tenant", tenant, "outcome", "duplicate").increment(duplicates);
        }
    }

    /** Accepts the items; the answers come in the items' order. */
    public <T> Uni<List<Accepted>> accept(String tenant, List<T> items, Shape<T> shape) {
        Map<String, UUID> firstIds = new LinkedHashMap<>();
        List<IntakeStore.Row> rows = new ArrayList<>();
        String acceptedAt = OffsetDateTime.now().toString(); // one request, one moment: formatted once, not per item
        for (T item : items) {
            String externalId = shape.externalId().apply(item);
            if (firstIds.containsKey(externalId)) {
                continue;
            }
            UUID id = Ids.timeOrdered();
            firstIds.put(externalId, id);
            String customerId = shape.customerId().apply(item);
            rows.add(new IntakeStore.Row(id, externalId, customerId, key(tenant, customerId),
                    record(tenant, customerId, shape.announcement().apply(id, item), acceptedAt).toByteArray(),
                    shape.table().values(item)));
        }
        Kind kind = shape.table().kind();
        return store.store(shape.table(), tenant, config.topic(), rows).flatMap(claimed -> store.owners(tenant, kind,
                        rows.stream().filter(row -> !claimed.contains(row.id())).map(IntakeStore.Row::externalId).toList())
                .map(owners -> {
                    List<Accepted> answers = new ArrayList<>(items.size());
                    Set<String> seen = new HashSet<>();
                    for (T item : items) {
                        String externalId = shape.externalId().apply(item);
                        UUID candidate = firstIds.get(externalId);
                        boolean first = seen.add(externalId);
                        UUID owner = claimed.contains(candidate) ? candidate : owners.get(externalId);
                        if (owner == null) {
                            throw new IllegalStateException("externalId claimed by nobody visible: retry the request");
                        }
                        answers.add(new Accepted(owner, !first || !claimed.contains(candidate)));
                    }
                    count(tenant, kind, answers);
                    return answers;
                }));
    }

    /** Writes an announcement to the outbox in the caller's Hibernate Reactive transaction (customer profiles). */
    public Uni<Void> publish(String tenant, String customerId, IngestRecord.Builder record) {
        Outbox.Message message = announcement(tenant, customerId, record);
        return outbox.enqueue(message.topic(), message.key(), message.payload(), message.traceParent());
    }

    /**
     * The announcement {@link #publish} enqueues, for a statement that enqueues its own ({@link Outbox#insertSelected}):
     * its topic, key (tenant/customerId), bytes and trace.
     */
    public Outbox.Message announcement(String tenant, String customerId, IngestRecord.Builder record) {
        return new Outbox.Message(config.topic(), key(tenant, customerId),
                record(tenant, customerId, record, OffsetDateTime.now().toString()).toByteArray(), TraceParent.current());
    }

    private static IngestRecord record(String tenant, String customerId, IngestRecord.Builder record, String acceptedAt) {
        return record.setId(Ids.timeOrdered().toString()).setTenant(tenant).setCustomerId(customerId)
                .setAcceptedAt(acceptedAt).build();
    }

    private static String key(String tenant, String customerId) {
        return tenant + "/" + customerId;
    }
}
