package dev.churnsentinel.intervention.task;

import dev.churnsentinel.proto.events.v1.TierChanged;
import io.smallrye.mutiny.Uni;

import java.time.OffsetDateTime;

/**
 * Told, in the transaction that makes it, of every change of a task (each entry of its audit trail) and of every tier
 * change this service acts on: what the integrators' subscriptions deliver.
 */
public interface TaskObserver {

    Uni<Void> taskChanged(Task task, String change, String actor, OffsetDateTime at);

    Uni<Void> tierChanged(TierChanged change);
}
