package dev.churnsentinel.scoring.quality;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.churnsentinel.inbox.RecordFaults;
import dev.churnsentinel.platform.vertx.CallerContext;
import dev.churnsentinel.platform.vertx.InOrder;
import dev.churnsentinel.proto.events.v1.TaskResolved;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intervention's task outcomes, a poll at a time, stored in one transaction ({@link TaskOutcomeLog}) for the backtest.
 * A poll that fails is stored announcement by announcement, and only one that fails on its own (or a record that is
 * not a TaskResolved) goes to the dead-letter topic (see {@link RecordFaults}).
 */
@ApplicationScoped
public class TaskOutcomeConsumer {
    private final TaskOutcomeLog outcomes;
    private final Emitter<Record<String, byte[]>> deadLetters;
    private final RecordFaults faults;

    public TaskOutcomeConsumer(TaskOutcomeLog outcomes, RecordFaults faults,
                               @Channel("task-outcomes-dlq") Emitter<Record<String, byte[]>> deadLetters) {
        this.outcomes = outcomes;
        this.faults = faults;
        this.deadLetters = deadLetters;
    }

    @Incoming("task-outcomes")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> polled) {
        Map<TaskResolved, ConsumerRecord<String, byte[]>> read = new LinkedHashMap<>();
        Map<ConsumerRecord<String, byte[]>, String> unreadable = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> kafka : polled) {
            try {
                read.put(TaskResolved.parseFrom(kafka.value()), kafka);
            } catch (InvalidProtocolBufferException e) {
                Log.errorf("a record that is not a TaskResolved goes to the dead-letter topic: %s", e.getMessage());
                unreadable.put(kafka, "not a TaskResolved: " + e.getMessage());
            }
        }
        List<TaskResolved> announcements = new ArrayList<>(read.keySet());
        return CallerContext.onOwnContext(() -> InOrder.each(unreadable.entrySet(),
                        bad -> faults.setAside(deadLetters, bad.getKey(), RecordFaults.UNREADABLE, bad.getValue()))
                .chain(() -> announcements.isEmpty() ? Uni.createFrom().voidItem()
                        : CallerContext.resumeOn(outcomes.record(announcements)).onFailure().recoverWithUni(e -> {
                    Log.warnf("a poll of %d task outcomes failed (%s): storing them one by one", announcements.size(),
                            e.toString());
                    return InOrder.each(announcements, task -> faults.applyOrSetAside(
                            () -> "task outcome " + task.getId() + " of " + task.getTenant() + "/" + task.getCustomerId(),
                            () -> outcomes.record(List.of(task)),
                            failure -> faults.setAside(deadLetters, read.get(task), failure)));
                })));
    }
}
