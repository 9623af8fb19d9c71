package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.outbox.Outbox;
import dev.churnsentinel.platform.ids.Ids;
import dev.churnsentinel.proto.events.v1.TaskOutcome;
import dev.churnsentinel.proto.events.v1.TaskResolved;
import dev.churnsentinel.proto.events.v1.Tier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Announces a resolved task's outcome on Kafka ({@code TaskResolved}, keyed by tenant and customer) through the outbox,
 * in the transaction that resolves it: the outcome and its announcement are stored together or not at all, and the
 * relay sends it once Kafka takes it. Scoring counts the outcomes in its backtest (false alarms per tier).
 */
@ApplicationScoped
public class OutcomeAnnouncer {
    private final Outbox outbox;
    private final String topic;

    public OutcomeAnnouncer(Outbox outbox, InterventionConfig config) {
        this.outbox = outbox;
        this.topic = config.taskOutcomeTopic();
    }

    /** Enqueues the outcome of {@code task}, just resolved, in the caller's transaction. */
    public Uni<Void> resolved(Task task) {
        return outbox.enqueue(topic, task.tenant + "/" + task.customerId, message(task).toByteArray());
    }

    /** The message announcing the outcome of a resolved task. */
    static TaskResolved message(Task task) {
        return TaskResolved.newBuilder()
                .setId(Ids.timeOrdered().toString())
                .setTenant(task.tenant)
                .setCustomerId(task.customerId)
                .setTaskId(task.id.toString())
                .setKind(task.kind)
                .setTier(Tier.valueOf(task.tier))
                .setOutcome(TaskOutcome.valueOf(task.outcome))
                .setCreatedAt(task.createdAt.toInstant().toString())
                .setResolvedAt(task.resolvedAt.toInstant().toString())
                .build();
    }
}
