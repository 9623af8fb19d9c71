package dev.churnsentinel.intervention.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.intervention.task.Task;
import dev.churnsentinel.intervention.task.TaskObserver;
import dev.churnsentinel.intervention.task.TaskResource;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Turns tier changes and task changes into deliveries for the tenant's subscriptions that asked for them. */
@ApplicationScoped
public class IntegrationEvents implements TaskObserver {

    /** What a subscription can ask to be told of. */
    public enum Event {
        /** A customer entered another tier (scoring's announcement, as this service acted on it). */
        TIER_CHANGED,
        /** A task was opened, upgraded, assigned, acknowledged, started, reassigned, commented, escalated, resolved or cancelled. */
        TASK_CHANGED
    }

    /** The task as the API shows it, what changed, by whom and when. */
    public record TaskChange(String change, String actor, OffsetDateTime at, TaskResource.TaskView task) {
    }

    /** A tier change as scoring announced it. */
    public record TierChange(String tierChangeId, String customerId, String previousTier, String tier, double riskScore,
                             String stage, String changedAt, List<Map<String, String>> signals, List<String> evidence,
                             boolean priceSensitive, boolean passiveChurn, int modelVersion) {
    }

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final ObjectMapper json;
    private final JsonColumns columns;

    public IntegrationEvents(SubscriptionStore subscriptions, DeliveryStore deliveries, ObjectMapper json, JsonColumns columns) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.json = json;
        this.columns = columns;
    }

    @Override
    public Uni<Void> taskChanged(Task task, String change, String actor, OffsetDateTime at) {
        return deliver(task.tenant, Event.TASK_CHANGED, at,
                () -> new TaskChange(change, actor, at, TaskResource.TaskView.of(task, columns)));
    }

    @Override
    public Uni<Void> tierChanged(TierChanged c) {
        List<Map<String, String>> signals = new ArrayList<>();
        c.getSignalsList().forEach(s -> {
            Map<String, String> signal = new LinkedHashMap<>();
            signal.put("code", s.getCode());
            signal.put("detail", s.getDetail());
            signals.add(signal);
        });
        return deliver(c.getTenant(), Event.TIER_CHANGED, OffsetDateTime.now(ZoneOffset.UTC),
                () -> new TierChange(c.getId(), c.getCustomerId(), c.getPreviousTier().name(), c.getTier().name(),
                        c.getRiskScore(), c.getStage(), c.getChangedAt(), signals, List.copyOf(c.getEvidenceList()),
                        c.getPriceSensitive(), c.getPassiveChurn(), c.getModelVersion()));
    }

    /** One delivery per subscription of the tenant that asked for the event; the data is written only when one did. */
    private Uni<Void> deliver(String tenant, Event event, OffsetDateTime at, Supplier<Object> data) {
        return subscriptions.of(tenant).flatMap(all -> {
            List<WebhookDelivery> queued = new ArrayList<>();
            String document = null;
            for (Subscription subscription : all) {
                if (!subscription.eventSet().contains(event.name())) {
                    continue;
                }
                if (document == null) {
                    document = write(data.get());
                }
                WebhookDelivery d = new WebhookDelivery();
                d.tenant = tenant;
                d.subscriptionId = subscription.id;
                d.event = event.name();
                d.occurredAt = at;
                d.data = document;
                d.status = "PENDING";
                d.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                d.at = d.createdAt;
                d.nextAttemptAt = d.createdAt;
                queued.add(d);
            }
            return deliveries.enqueue(queued);
        });
    }

    private String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
