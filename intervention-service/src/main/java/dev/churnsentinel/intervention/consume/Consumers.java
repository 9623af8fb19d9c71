package dev.churnsentinel.intervention.consume;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.task.TaskService;
import dev.churnsentinel.platform.vertx.CallerContext;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/** What intervention listens to: scoring's tier changes, and ingestion's customer profiles (for contacts). */
@ApplicationScoped
public class Consumers {
    private static final Duration PROFILE_WAIT_STEP = Duration.ofMillis(200);
    private final TaskService tasks;
    private final InterventionConfig config;

    public Consumers(TaskService tasks, InterventionConfig config) {
        this.tasks = tasks;
        this.config = config;
    }

    /**
     * The profile travels on another topic: when scoring has seen it and this service has not, try again a
     * little later (each attempt its own transaction, back on this record's Vert.x context), then act with what
     * is here.
     */
    private Uni<Void> act(TierChanged change, int attemptsLeft) {
        return Uni.createFrom().deferred(() -> tasks.onTierChanged(change, attemptsLeft > 0))
                .onFailure(TaskService.ProfileNotYetHere.class).recoverWithUni(() -> CallerContext.resumeOn(
                                Uni.createFrom().voidItem().onItem().delayIt().by(PROFILE_WAIT_STEP))
                        .chain(() -> act(change, attemptsLeft - 1)));
    }

    @Incoming("tier-changes")
    public Uni<Void> tierChanged(byte[] payload) {
        try {
            TierChanged change = TierChanged.parseFrom(payload);
            return act(change, (int) (config.profileWait().toMillis() / PROFILE_WAIT_STEP.toMillis()))
                    .onFailure().invoke(e -> Log.errorf(e,
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
