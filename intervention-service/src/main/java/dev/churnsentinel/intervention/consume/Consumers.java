package dev.churnsentinel.intervention.consume;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.churnsentinel.intervention.task.TaskService;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What intervention listens to: scoring's tier changes, and ingestion's customer profiles (for contacts). */
@ApplicationScoped
public class Consumers {
    private final TaskService tasks;

    public Consumers(TaskService tasks) {
        this.tasks = tasks;
    }

    @Incoming("tier-changes")
    public Uni<Void> tierChanged(byte[] payload) {
        try {
            TierChanged change = TierChanged.parseFrom(payload);
            return tasks.onTierChanged(change).onFailure().invoke(e -> Log.errorf(e,
                    "tier change %s of %s/%s goes to the dead-letter topic", change.getId(), change.getTenant(), change.getCustomerId()));
        } catch (InvalidProtocolBufferException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a TierChanged", e));
        }
    }

    @Incoming("customers")
    public Uni<Void> ingested(byte[] payload) {
        IngestRecord record;
        try {
            record = IngestRecord.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not an IngestRecord", e));
        }
        // feedback and events are scoring's business; only profiles name the people to notify
        return record.hasCustomer() ? tasks.onCustomer(record).onFailure().invoke(e -> Log.errorf(e,
                "profile %s of %s/%s goes to the dead-letter topic", record.getId(), record.getTenant(), record.getCustomerId()))
                : Uni.createFrom().voidItem();
    }
}
