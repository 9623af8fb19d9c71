package dev.churnsentinel.inbox;

import dev.churnsentinel.platform.vertx.CallerContext;
import dev.churnsentinel.platform.vertx.InOrder;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stores a poll of one kind of message in one go: each record is parsed (one that does not parse goes to the
 * dead-letter topic as unreadable), the messages are stored together, and if that fails they are stored one by one, so
 * only a message that fails on its own is set aside ({@link RecordFaults#applyOrSetAside}). For consumers whose
 * messages are independent facts stored once each (a redelivery changes nothing).
 *
 * @param <M> the message
 */
public final class PollOfMessages<M> {
    /** Reads a record's bytes; throws when they are not the message. */
    @FunctionalInterface
    public interface Parser<M> {
        M parse(byte[] value) throws Exception;
    }

    private final String kind;
    private final Parser<M> parser;
    private final Function<M, String> name;
    private final Function<List<M>, Uni<Void>> store;
    private final RecordFaults faults;
    private final Emitter<Record<String, byte[]>> deadLetters;

    /**
     * @param kind        what the messages are, for the log and the dead-letter reason ("TaskResolved")
     * @param name        a message as the log names it
     * @param store       stores messages in one transaction
     */
    public PollOfMessages(String kind, Parser<M> parser, Function<M, String> name, Function<List<M>, Uni<Void>> store,
                          RecordFaults faults, Emitter<Record<String, byte[]>> deadLetters) {
        this.kind = kind;
        this.parser = parser;
        this.name = name;
        this.store = store;
        this.faults = faults;
        this.deadLetters = deadLetters;
    }

    public Uni<Void> apply(ConsumerRecords<String, byte[]> polled) {
        Map<M, ConsumerRecord<String, byte[]>> read = new LinkedHashMap<>();
        Map<ConsumerRecord<String, byte[]>, String> unreadable = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> kafka : polled) {
            try {
                read.put(parser.parse(kafka.value()), kafka);
            } catch (Exception e) {
                Log.errorf("a record that is not a %s goes to the dead-letter topic: %s", kind, e.getMessage());
                unreadable.put(kafka, "not a " + kind + ": " + e.getMessage());
            }
        }
        List<M> messages = new ArrayList<>(read.keySet());
        return CallerContext.onOwnContext(() -> InOrder.each(unreadable.entrySet(),
                        bad -> faults.setAside(deadLetters, bad.getKey(), RecordFaults.UNREADABLE, bad.getValue()))
                .chain(() -> messages.isEmpty() ? Uni.createFrom().voidItem()
                        : CallerContext.resumeOn(store.apply(messages)).onFailure().recoverWithUni(e -> {
                    Log.warnf("a poll of %d %s failed (%s): storing them one by one", messages.size(), kind, e.toString());
                    return InOrder.each(messages, message -> faults.applyOrSetAside(() -> name.apply(message),
                            () -> store.apply(List.of(message)),
                            failure -> faults.setAside(deadLetters, read.get(message), failure)));
                })));
    }
}
