package dev.churnsentinel.ingestion.erasure;

import dev.churnsentinel.inbox.PollOfMessages;
import dev.churnsentinel.inbox.RecordFaults;
import dev.churnsentinel.proto.events.v1.ErasureStep;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The other services' confirmations that they have erased a customer, a poll at a time, stored in one transaction
 * ({@link ErasureStore#confirm}); a step without a valid erasure id or time goes to the dead-letter topic.
 */
@ApplicationScoped
public class ErasureStepConsumer {
    private final PollOfMessages<ErasureStep> poll;

    public ErasureStepConsumer(ErasureStore store, RecordFaults faults,
                               @Channel("erasure-steps-dlq") Emitter<Record<String, byte[]>> deadLetters) {
        this.poll = new PollOfMessages<>("ErasureStep", ErasureStepConsumer::parse,
                step -> "erasure step " + step.getErasureId() + " of " + step.getService(), store::confirm, faults, deadLetters);
    }

    private static ErasureStep parse(byte[] value) throws Exception {
        ErasureStep step = ErasureStep.parseFrom(value);
        UUID.fromString(step.getErasureId());
        OffsetDateTime.parse(step.getDoneAt());
        return step;
    }

    @Incoming("erasure-steps")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> polled) {
        return poll.apply(polled);
    }
}
