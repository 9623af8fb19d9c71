package dev.churnsentinel.intervention.consume;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.churnsentinel.inbox.RecordFaults;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.notify.NotificationDispatcher;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What intervention listens to: scoring's tier changes, and ingestion's customer profiles (for contacts) and erasure
 * requests.
 */
@ApplicationScoped
public class Consumers {
    private static final Duration PROFILE_WAIT_STEP = Duration.ofMillis(200);
    private final TaskService tasks;
    private final InterventionConfig config;
    private final Emitter<Record<String, byte[]>> profileDeadLetters;
    private final Emitter<Record<String, byte[]>> tierChangeDeadLetters;
    private final RecordFaults faults;
    private final NotificationDispatcher dispatcher;

    public Consumers(TaskService tasks, InterventionConfig config, RecordFaults faults, NotificationDispatcher dispatcher,
                     @Channel("customers-dlq") Emitter<Record<String, byte[]>> profileDeadLetters,
                     @Channel("tier-changes-dlq") Emitter<Record<String, byte[]>> tierChangeDeadLetters) {
        this.tasks = tasks;
        this.config = config;
        this.faults = faults;
        this.dispatcher = dispatcher;
        this.profileDeadLetters = profileDeadLetters;
        this.tierChangeDeadLetters = tierChangeDeadLetters;
    }

    /**
     * Applies a poll's tier changes; the changes of a customer whose profile scoring has seen and this service has not
     * (it travels on another topic) are tried again a little later, without holding up the others (each round its own
     * transaction, back on the poll's Vert.x context), then acted on with what is here.
     */
    private Uni<Void> apply(List<TierChanged> changes, int attemptsLeft) {
        return Uni.createFrom().deferred(() -> tasks.onTierChanges(changes, attemptsLeft > 0))
                .invoke(dispatcher::wake)
                .flatMap(waiting -> waiting.isEmpty() ? Uni.createFrom().voidItem() : CallerContext.resumeOn(
                                Uni.createFrom().voidItem().onItem().delayIt().by(PROFILE_WAIT_STEP))
                        .chain(() -> apply(waiting, attemptsLeft - 1)));
    }

    private int profileWaitSteps() {
        return (int) (config.profileWait().toMillis() / PROFILE_WAIT_STEP.toMillis());
    }

    /**
     * A poll of tier changes, in one transaction (see {@link TaskService#onTierChanges}). A poll that fails is applied
     * change by change (each on a context of its own, {@link RecordFaults#applyOrSetAside}): one that fails on its own
     * goes to the dead-letter topic; one that fails because this service
     * cannot work right now (shutting down, the database away) fails the poll, which is not committed and so is
     * delivered again: a RED customer's rescue task must not wait in a dead-letter topic for a deploy to finish.
     */
    @Incoming("tier-changes")
    public Uni<Void> tierChanged(ConsumerRecords<String, byte[]> polled) {
        List<TierChanged> changes = new ArrayList<>(polled.count());
        Map<String, ConsumerRecord<String, byte[]>> byId = new HashMap<>();
        Map<ConsumerRecord<String, byte[]>, String> unreadable = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> kafka : polled) {
            try {
                TierChanged change = TierChanged.parseFrom(kafka.value());
                changes.add(change);
                byId.put(change.getId(), kafka);
            } catch (InvalidProtocolBufferException e) {
                Log.errorf("a record that is not a TierChanged goes to the dead-letter topic: %s", e.getMessage());
                unreadable.put(kafka, "not a TierChanged: " + e.getMessage());
            }
        }
        return CallerContext.onOwnContext(() -> InOrder.each(unreadable.entrySet(),
                        bad -> faults.setAside(tierChangeDeadLetters, bad.getKey(), RecordFaults.UNREADABLE, bad.getValue()))
                .chain(() -> changes.isEmpty() ? Uni.createFrom().voidItem() : apply(changes, profileWaitSteps())
                        .onFailure().recoverWithUni(e -> {
                            Log.warnf("a poll of %d tier changes failed (%s): applying them one by one", changes.size(),
                                    e.toString());
                            return InOrder.each(changes, change -> faults.applyOrSetAside(
                                    () -> "tier change " + change.getId() + " of " + change.getTenant() + "/"
                                            + change.getCustomerId(),
                                    () -> apply(List.of(change), profileWaitSteps()),
                                    failure -> faults.setAside(tierChangeDeadLetters, byId.get(change.getId()), failure)));
                        })));
    }

    /**
     * Ingestion's topic a poll at a time, in one transaction: it carries every feedback and event too, which only
     * scoring reads. A poll that fails is applied record by record, and only a profile or an erasure that fails on its
     * own (or a record that is not an IngestRecord) goes to the dead-letter topic, sent before the poll counts as done.
     */
    @Incoming("customers")
    public Uni<Void> ingested(ConsumerRecords<String, byte[]> polled) {
        List<IngestRecord> records = new ArrayList<>(polled.count());
        Map<String, ConsumerRecord<String, byte[]>> byId = new HashMap<>();
        Map<ConsumerRecord<String, byte[]>, String> unreadable = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> kafka : polled) {
            try {
                IngestRecord record = IngestRecord.parseFrom(kafka.value());
                if (record.hasCustomer() || record.hasErasure()) { // feedback and events are scoring's business
                    records.add(record);
                    byId.put(record.getId(), kafka);
                }
            } catch (InvalidProtocolBufferException e) {
                Log.errorf("a record that is not an IngestRecord goes to the dead-letter topic: %s", e.getMessage());
                unreadable.put(kafka, "not an IngestRecord: " + e.getMessage());
            }
        }
        return CallerContext.onOwnContext(() -> InOrder.each(unreadable.entrySet(),
                        bad -> faults.setAside(profileDeadLetters, bad.getKey(), RecordFaults.UNREADABLE, bad.getValue()))
                .chain(() -> records.isEmpty() ? Uni.createFrom().voidItem() : CallerContext.resumeOn(tasks.onCustomers(records))
                        .invoke(dispatcher::wake)
                        .onFailure().recoverWithUni(e -> {
                            Log.warnf("a poll of %d profiles failed (%s): applying them one by one", records.size(), e.toString());
                            return InOrder.each(records, record -> faults.applyOrSetAside(
                                    () -> (record.hasErasure() ? "erasure " : "profile ") + record.getId() + " of "
                                            + record.getTenant() + "/" + record.getCustomerId(),
                                    () -> tasks.onCustomers(List.of(record)).invoke(dispatcher::wake),
                                    failure -> faults.setAside(profileDeadLetters, byId.get(record.getId()), failure)));
                        })));
    }
}
