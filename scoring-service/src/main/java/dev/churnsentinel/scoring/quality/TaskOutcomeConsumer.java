package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.inbox.PollOfMessages;
import dev.churnsentinel.inbox.RecordFaults;
import dev.churnsentinel.proto.events.v1.TaskResolved;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Intervention's task outcomes, a poll at a time, stored in one transaction ({@link TaskOutcomeLog}) for the backtest;
 * an outcome that fails on its own, or a record that is not a TaskResolved, goes to the dead-letter topic
 * ({@link PollOfMessages}).
 */
@ApplicationScoped
public class TaskOutcomeConsumer {
    private final PollOfMessages<TaskResolved> poll;

    public TaskOutcomeConsumer(TaskOutcomeLog outcomes, RecordFaults faults,
                               @Channel("task-outcomes-dlq") Emitter<Record<String, byte[]>> deadLetters) {
        this.poll = new PollOfMessages<>("TaskResolved", TaskResolved::parseFrom,
                task -> "task outcome " + task.getId() + " of " + task.getTenant() + "/" + task.getCustomerId(),
                outcomes::record, faults, deadLetters);
    }

    @Incoming("task-outcomes")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> polled) {
        return poll.apply(polled);
    }
}
