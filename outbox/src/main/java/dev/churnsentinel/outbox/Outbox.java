package dev.churnsentinel.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** Writes a message to the outbox inside the caller's transaction (call it from a {@code @WithTransaction}). */
@ApplicationScoped
public class Outbox {

    public Uni<Void> enqueue(String topic, String key, byte[] payload) {
        return enqueue(topic, key, payload, TraceParent.current());
    }

    /** @param traceParent the trace the message continues ({@link TraceParent}), when it is not the current one */
    public Uni<Void> enqueue(String topic, String key, byte[] payload, String traceParent) {
        OutboxMessage message = new OutboxMessage();
        message.topic = topic;
        message.messageKey = key;
        message.payload = payload;
        message.createdAt = OffsetDateTime.now();
        message.traceParent = traceParent;
        return message.persist().replaceWithVoid();
    }
}
