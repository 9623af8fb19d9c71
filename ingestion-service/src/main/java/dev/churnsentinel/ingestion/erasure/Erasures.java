package dev.churnsentinel.ingestion.erasure;

import dev.churnsentinel.ingestion.customer.CustomerService;
import dev.churnsentinel.ingestion.imports.ImportJobStore;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.ingestion.intake.IntakeStore;
import dev.churnsentinel.platform.ids.Ids;
import dev.churnsentinel.proto.events.v1.CustomerErasureRequested;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Erases customers: in one transaction ingestion removes what it holds of the customer (the profile; feedback texts and
 * event attributes, whose rows are kept under an anonymous id for the counts; rejected import rows naming them), records
 * the request and announces it on the ingest topic after every earlier record of the customer, for the other services
 * to do their part and confirm ({@link ErasureStepConsumer}).
 */
@ApplicationScoped
public class Erasures {
    private final CustomerService customers;
    private final IntakeStore items;
    private final ImportJobStore imports;
    private final Intake intake;
    private final ErasureStore store;
    private final ErasureConfig config;

    public Erasures(CustomerService customers, IntakeStore items, ImportJobStore imports, Intake intake,
                    ErasureStore store, ErasureConfig config) {
        this.customers = customers;
        this.items = items;
        this.imports = imports;
        this.intake = intake;
        this.store = store;
        this.config = config;
    }

    /** What an erasure request came to: a new erasure, or the customer's earlier one (nothing of theirs is left). */
    public record Outcome(Erasure erasure, boolean started) {
    }

    /** The id kept rows of an erased customer carry instead of theirs. */
    static String anonymousId(UUID erasureId) {
        return "erased:" + erasureId;
    }

    /**
     * Erases the customer, or answers their latest erasure when ingestion holds nothing of them any more; empty when the
     * tenant never had the customer.
     */
    @WithTransaction
    public Uni<Optional<Outcome>> erase(String tenant, String customerId, String requestedBy) {
        return customers.exists(tenant, customerId)
                .flatMap(known -> known ? Uni.createFrom().item(true) : items.holds(tenant, customerId))
                .flatMap(known -> known ? start(tenant, customerId, requestedBy).map(Optional::of)
                        : store.latest(tenant, customerId).flatMap(latest -> latest.isEmpty()
                                ? Uni.createFrom().item(Optional.<Outcome>empty())
                                : view(tenant, latest.get()).map(erasure -> Optional.of(new Outcome(erasure, false)))));
    }

    private Uni<Outcome> start(String tenant, String customerId, String requestedBy) {
        UUID id = Ids.timeOrdered();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Map<String, Long> counts = new LinkedHashMap<>();
        return customers.erase(tenant, customerId).invoke(n -> counts.put("profile", n.longValue()))
                .flatMap(ignored -> items.erase(tenant, customerId, anonymousId(id)))
                .invoke(changed -> changed.forEach((table, n) -> counts.put(table, n.longValue())))
                .flatMap(ignored -> imports.eraseRejected(tenant, customerId))
                .invoke(n -> counts.put("rejectedImportRows", n.longValue()))
                .flatMap(ignored -> {
                    ErasureStore.Requested requested = new ErasureStore.Requested(id, customerId, at, requestedBy, counts);
                    return store.record(tenant, requested)
                            .call(() -> intake.publish(tenant, customerId, IngestRecord.newBuilder().setErasure(
                                    CustomerErasureRequested.newBuilder().setErasureId(id.toString())
                                            .setRequestedAt(at.toInstant().toString()).setRequestedBy(requestedBy))))
                            .map(done -> new Outcome(Erasure.of(id, customerId, at, requestedBy, counts, java.util.List.of(),
                                    config.services()), true));
                });
    }

    /** The tenant's erasure with its progress; empty when there is none of that id. */
    @WithSession
    public Uni<Optional<Erasure>> find(String tenant, UUID id) {
        return store.find(tenant, id).flatMap(found -> found.isEmpty() ? Uni.createFrom().item(Optional.<Erasure>empty())
                : view(tenant, found.get()).map(Optional::of));
    }

    private Uni<Erasure> view(String tenant, ErasureStore.Requested requested) {
        return store.steps(tenant, requested.id()).map(steps -> Erasure.of(requested.id(), requested.customerId(),
                requested.requestedAt(), requested.requestedBy(), requested.counts(), steps, config.services()));
    }
}
