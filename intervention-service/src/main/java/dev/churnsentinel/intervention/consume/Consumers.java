package dev.churnsentinel.intervention.consume;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.churnsentinel.inbox.RecordFaults;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.task.TaskService;
import dev.churnsentinel.platform.vertx.CallerContext;
import dev.churnsentinel.platform.vertx.InOrder;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/** What intervention listens to: scoring's tier changes, and ingestion's customer profiles (for contacts). */
@ApplicationScoped
public class Consumers {
    private static final Duration PROFILE_WAIT_STEP = Duration.ofMillis(200);
    private final TaskService tasks;
    private final InterventionConfig config;
    private final Emitter<Record<String, byte[]>> profileDeadLetters;
    private final Emitter<Record<String, byte[]>> tierChangeDeadLetters;
    private final RecordFaults faults;

    public Consumers(TaskService tasks, InterventionConfig config, RecordFaults faults,
                     @Channel("customers-dlq") Emitter<Record<String, byte[]>> profileDeadLetters,
                     @Channel("tier-changes-dlq") Emitter<Record<String, byte[]>> tierChangeDeadLetters) {
        this.tasks = tasks;
        this.config = config;
        this.faults = faults;
        this.profileDeadLetters = profileDeadLetters;
        this.tierChangeDeadLetters = tierChangeDeadLetters;
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

    /**
     * A tier change that fails on its own goes to the dead-letter topic; one that fails because this service cannot
     * work right now (shutting down, the database away) is not committed and so is delivered again: a RED customer's
     * rescue task must not wait in a dead-letter topic for a deploy to finish.
     */
    @Incoming("tier-changes")
    public Uni<Void> tierChanged(ConsumerRecord<String, byte[]> kafka) {
        TierChanged change;
        try {
            change = TierChanged.parseFrom(kafka.value());
        } catch (InvalidProtocolBufferException e) {
            Log.errorf("a record that is not a TierChanged goes to the dead-letter topic: %s", e.getMessage());
            return RecordFaults.setAside(tierChangeDeadLetters, kafka.key(), kafka.value());
        }
        return faults.applyOrSetAside(
                () -> "tier change " + change.getId() + " of " + change.getTenant() + "/" + change.getCustomerId(),
                () -> act(change, (int) (config.profileWait().toMillis() / PROFILE_WAIT_STEP.toMillis())),
                () -> RecordFaults.setAside(tierChangeDeadLetters, kafka.key(), kafka.value()));
    }

    /**
     * Ingestion's topic a poll's worth at a time: it carries every feedback and event too, which only scoring reads, so
     * taking them one message at a time cost this service as much as its real work during a bulk import. Each profile is
     * applied in its own transaction, in order; one that fails on its own (or a record that is not an IngestRecord) goes
     * to the dead-letter topic, sent before the poll counts as done, and the others go on.
     */
    @Incoming("customers")
    public Uni<Void> ingested(ConsumerRecords<String, byte[]> polled) {
        return InOrder.each(polled, kafka -> {
            IngestRecord record;
            try {
                record = IngestRecord.parseFrom(kafka.value());
            } catch (InvalidProtocolBufferException e) {
                Log.errorf("a record that is not an IngestRecord goes to the dead-letter topic: %s", e.getMessage());
                return RecordFaults.setAside(profileDeadLetters, kafka.key(), kafka.value());
            }
            // feedback and events are scoring's business; only profiles name the people to notify
            return !record.hasCustomer() ? Uni.createFrom().voidItem() : faults.applyOrSetAside(
                    () -> "profile " + record.getId() + " of " + record.getTenant() + "/" + record.getCustomerId(),
                    () -> tasks.onCustomer(record),
                    () -> RecordFaults.setAside(profileDeadLetters, kafka.key(), kafka.value()));
        });
    }
}
