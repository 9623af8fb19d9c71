package dev.churnsentinel.intervention.erasure;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.customer.CustomerKey;
import dev.churnsentinel.intervention.integration.DeliveryStore;
import dev.churnsentinel.intervention.notify.NotificationStore;
import dev.churnsentinel.intervention.task.AuditTrail;
import dev.churnsentinel.intervention.task.TaskQueries;
import dev.churnsentinel.outbox.Outbox;
import dev.churnsentinel.proto.events.v1.CustomerErasureRequested;
import dev.churnsentinel.proto.events.v1.ErasureStep;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Erases a customer (CustomerErasureRequested) in the caller's transaction: their profile and contacts, the
 * notifications and subscription deliveries about them, and their words on tasks and in the tasks' audit trails are
 * removed; the tasks stay for the reports, re-keyed to {@code erased:<erasureId>} (tier, kind, playbook, status,
 * outcome, times, money and the staff who worked them). Confirmed by one ErasureStep through the outbox, in the same
 * transaction.
 */
@ApplicationScoped
public class Erasures {
    /** How this service signs its ErasureStep. */
    public static final String SERVICE = "intervention-service";
    /** The customer id kept rows of an erased customer carry: {@code erased:<erasureId>}. */
    public static final String ANONYMOUS_PREFIX = "erased:";

    private final ErasedCustomers erased;
    private final ContactBook contacts;
    private final TaskQueries tasks;
    private final AuditTrail audit;
    private final NotificationStore notifications;
    private final DeliveryStore deliveries;
    private final Outbox outbox;
    private final String topic;

    public Erasures(ErasedCustomers erased, ContactBook contacts, TaskQueries tasks, AuditTrail audit,
                    NotificationStore notifications, DeliveryStore deliveries, Outbox outbox, InterventionConfig config) {
        this.erased = erased;
        this.contacts = contacts;
        this.tasks = tasks;
        this.audit = audit;
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.topic = config.erasureTopic();
    }

    /** The erasure's id: the request's, else the record's. */
    public static String erasureId(IngestRecord record) {
        String id = record.getErasure().getErasureId();
        return id.isBlank() ? record.getId() : id;
    }

    /**
     * Applies the erasure {@code record} carries (the caller holds the customer's exclusive lock,
     * {@link ErasedCustomers#lockExclusive}); an erasure recorded before is skipped.
     */
    public Uni<Void> apply(IngestRecord record) {
        CustomerErasureRequested request = record.getErasure();
        CustomerKey customer = new CustomerKey(record.getTenant(), record.getCustomerId());
        String erasureId = erasureId(record);
        Instant requestedAt = ErasureRule.parse(request.getRequestedAt());
        if (requestedAt == null) {
            requestedAt = ErasureRule.parse(record.getAcceptedAt());
        }
        OffsetDateTime requested = (requestedAt == null ? Instant.now() : requestedAt).atOffset(ZoneOffset.UTC);
        Map<String, Long> counts = new LinkedHashMap<>();
        // the session's pending writes go first: the statements below are native and see only what is in the database
        return Panache.getSession().flatMap(session -> session.flush())
                .chain(() -> erased.record(erasureId, customer, requested))
                .flatMap(first -> !first ? Uni.createFrom().voidItem().invoke(() -> Log.infof(
                        "erasure %s of %s was applied before: skipped", erasureId, customer.tenant()))
                        : erase(customer, erasureId, counts).chain(() -> announce(customer, erasureId, counts)));
    }

    private Uni<Void> erase(CustomerKey customer, String erasureId, Map<String, Long> counts) {
        String tenant = customer.tenant();
        return tasks.lockIdsOf(tenant, customer.customerId()).flatMap(taskIds -> notifications.erase(tenant, taskIds)
                .invoke(n -> {
                    counts.put("notifications", (long) n.removed());
                    counts.put("digestsCleared", (long) n.digestsCleared());
                })
                .chain(() -> deliveries.erase(tenant, customer.customerId()))
                .invoke(n -> counts.put("webhookDeliveries", (long) n))
                .chain(() -> audit.erase(tenant, taskIds, erasureId))
                .invoke(n -> counts.put("taskEventsCleared", (long) n))
                .chain(() -> tasks.anonymise(tenant, customer.customerId(), ANONYMOUS_PREFIX + erasureId))
                .invoke(n -> counts.put("tasksAnonymised", (long) n))
                .chain(() -> contacts.erase(tenant, customer.customerId()))
                .invoke(n -> {
                    counts.put("profile", (long) n.profiles());
                    counts.put("contacts", (long) n.contacts());
                })).replaceWithVoid();
    }

    private Uni<Void> announce(CustomerKey customer, String erasureId, Map<String, Long> counts) {
        ErasureStep step = ErasureStep.newBuilder().setErasureId(erasureId).setTenant(customer.tenant())
                .setCustomerId(customer.customerId()).setService(SERVICE)
                .setDoneAt(Instant.now().toString()).putAllCounts(counts).build();
        Log.infof("erasure %s of a customer of %s: %s", erasureId, customer.tenant(), counts);
        return outbox.enqueue(topic, customer.tenant() + "/" + customer.customerId(), step.toByteArray());
    }
}
