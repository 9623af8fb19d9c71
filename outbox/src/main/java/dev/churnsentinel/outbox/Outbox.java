package dev.churnsentinel.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.common.AffectedEntities;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes messages to the outbox inside the caller's transaction: {@link #enqueue} and {@link #enqueueAll} from a
 * {@code @WithTransaction}, {@link #insertSelected} as part of the caller's own statement on the reactive client. The
 * outbox table is written here only.
 */
@ApplicationScoped
public class Outbox {

    /** A message to enqueue: the topic, its key, its bytes, and the trace it continues (or null). */
    public record Message(String topic, String key, byte[] payload, String traceParent) {
    }

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

    /**
     * Enqueues {@code messages}, in this order, with one statement: a poll's worth in one round trip, where
     * {@link #enqueue} makes one each (the database gives a message its id as it inserts it).
     */
    public Uni<Void> enqueueAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("insert into outbox_message (topic, message_key, payload, created_at, trace_parent) values ");
        for (int i = 0; i < messages.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, now(), ?)");
        }
        // the caller's pending changes are flushed first, so the insert itself flushes nothing (it names the only
        // table it touches): Hibernate Reactive's own flush before a native statement is not reliable with batching
        return Panache.getSession().flatMap(session -> session.flush().chain(() -> {
            var insert = session.createNativeQuery(sql.toString(), new AffectedEntities(OutboxMessage.class));
            int p = 1;
            for (Message message : messages) {
                insert.setParameter(p++, message.topic());
                insert.setParameter(p++, message.key());
                insert.setParameter(p++, message.payload());
                insert.setParameter(p++, message.traceParent());
            }
            return insert.executeUpdate();
        })).replaceWithVoid();
    }

    /**
     * The insert for a {@code with} query of the caller's statement that enqueues, in its transaction and with no round
     * trip of its own, one message for each of the statement's rows {@code from} selects, in the order of their
     * {@code position}: a thousand rows stored and announced, one statement. The rows, under the alias {@code rows},
     * carry the columns {@code message_key}, {@code payload} (bytes), {@code trace_parent} ({@link TraceParent}, or
     * null) and {@code position}; the database gives each message its id as it inserts it, so in that order.
     *
     * @param topic the topic, as an SQL expression (a parameter: {@code $2})
     * @param rows  the alias of the rows to announce in {@code from}
     * @param from  the from-list that selects them (with its joins)
     */
    public static String insertSelected(String topic, String rows, String from) {
        return """
                insert into outbox_message (topic, message_key, payload, trace_parent)
                  select %1$s, %2$s.message_key, %2$s.payload, %2$s.trace_parent from %3$s
                  order by %2$s.position""".formatted(topic, rows, from);
    }
}
