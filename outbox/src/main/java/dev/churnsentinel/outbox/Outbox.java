package dev.churnsentinel.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** Writes a message to the outbox inside the caller's transaction (call it from a {@code @WithTransaction}). */
@ApplicationScoped
public class Outbox {

    public Uni<Void> enqueue(String topic, String key, byte[] payload) {
        OutboxMessage message = new OutboxMessage();
        message.topic = topic;
        message.messageKey = key;
        message.payload = payload;
        message.createdAt = OffsetDateTime.now();
        message.traceParent = TraceParent.current();
        return message.persist().replaceWithVoid();
    }
}
