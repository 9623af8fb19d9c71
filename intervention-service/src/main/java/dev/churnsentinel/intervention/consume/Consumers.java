package dev.churnsentinel.intervention.consume;

import com.google.protobuf.InvalidProtocolBufferException;
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

    public Consumers(TaskService tasks, InterventionConfig config,
                     @Channel("customers-dlq") Emitter<Record<String, byte[]>> profileDeadLetters) {
        this.tasks = tasks;
        this.config = config;
        this.profileDeadLetters = profileDeadLetters;
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

    /**
     * Ingestion's topic a poll's worth at a time: it carries every feedback and event too, which only scoring reads, so
     * taking them one message at a time cost this service as much as its real work during a bulk import. Each profile is
     * applied in its own transaction, in order; one that fails (or a record that is not an IngestRecord) goes to the
     * dead-letter topic, sent before the poll counts as done, and the others go on.
     */
    @Incoming("customers")
    public Uni<Void> ingested(ConsumerRecords<String, byte[]> polled) {
        return InOrder.each(polled, kafka -> {
            IngestRecord record;
            try {
                record = IngestRecord.parseFrom(kafka.value());
            } catch (InvalidProtocolBufferException e) {
                Log.errorf("a record that is not an IngestRecord goes to the dead-letter topic: %s", e.getMessage());
                return deadLetter(kafka.key(), kafka.value());
            }
            // feedback and events are scoring's business; only profiles name the people to notify
            return !record.hasCustomer() ? Uni.createFrom().voidItem()
                    : CallerContext.resumeOn(tasks.onCustomer(record)).onFailure().recoverWithUni(e -> {
                        Log.errorf(e, "profile %s of %s/%s goes to the dead-letter topic", record.getId(), record.getTenant(),
                                record.getCustomerId());
                        return deadLetter(kafka.key(), kafka.value());
                    });
        });
    }

    private Uni<Void> deadLetter(String key, byte[] value) {
        return CallerContext.resumeOn(Uni.createFrom().completionStage(profileDeadLetters.send(Record.of(key, value))));
    }
}
