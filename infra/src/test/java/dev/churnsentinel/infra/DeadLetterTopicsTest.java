package dev.churnsentinel.infra;

import dev.churnsentinel.inbox.DeadLetterTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A record set aside is listed with why, when and where from, and a replay sends it back as it came
 * ({@link DeadLetterTopics}, inbox's, tested here where a Kafka broker is at hand).
 */
class DeadLetterTopicsTest {
    private static final String DLQ = "churnsentinel.tier-changes.v1.intervention-dlq";
    private static final String SOURCE = "churnsentinel.tier-changes.v1";
    static Path home;
    static KafkaBroker kafka;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("dead-letters");
        kafka = KafkaBroker.start(home.resolve("kafka"), Infrastructure.freePort(), Infrastructure.freePort());
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
        Infrastructure.deleteRecursively(home);
    }

    @Test
    void aLetterIsListedAndReplayedToItsTopicWithItsOriginalHeaders() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> letter = new ProducerRecord<>(DLQ, "acme/C1", bytes("a tier change"));
            letter.headers().add(new RecordHeader("traceparent", bytes("00-aaaa-bbbb-01")))
                    .add(new RecordHeader("x-sentinel-dlq-reason", bytes("IllegalArgumentException: no tier")))
                    .add(new RecordHeader("x-sentinel-dlq-at", bytes(Instant.now().toString())))
                    .add(new RecordHeader("x-sentinel-dlq-topic", bytes(SOURCE)))
                    .add(new RecordHeader("traceparent", bytes("00-cccc-dddd-01"))); // the dead-lettering's own
            // each waited for, so that a record the broker refused fails here, with its reason
            producer.send(letter).get();
            producer.send(new ProducerRecord<>(DLQ, "acme/C2", bytes("from nowhere"))).get(); // says no source: skipped
        }
        DeadLetterTopics letters = new DeadLetterTopics(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        List<DeadLetterTopics.Letter> listed = letters.list(DLQ, letter -> true);
        assertEquals(2, listed.size());
        DeadLetterTopics.Letter first = listed.stream().filter(l -> l.key().equals("acme/C1")).findFirst().orElseThrow();
        assertEquals("IllegalArgumentException: no tier", first.reason());
        assertEquals(SOURCE, first.from());
        assertNull(listed.stream().filter(l -> l.key().equals("acme/C2")).findFirst().orElseThrow().from());

        assertEquals(List.of("acme/C1"), letters.replay(DLQ, letter -> true).stream().map(DeadLetterTopics.Letter::key).toList());
        ConsumerRecord<String, byte[]> back = readOne(SOURCE);
        assertEquals("acme/C1", back.key());
        assertEquals("a tier change", new String(back.value(), StandardCharsets.UTF_8));
        List<String> traceparents = new ArrayList<>();
        back.headers().headers("traceparent").forEach(h -> traceparents.add(new String(h.value(), StandardCharsets.UTF_8)));
        assertEquals(List.of("00-aaaa-bbbb-01"), traceparents, "the original trace, only");
        assertNull(back.headers().lastHeader("x-sentinel-dlq-reason"));
        assertEquals(DLQ + "/" + first.partition() + "/" + first.offset(), new String(back.headers().lastHeader("x-sentinel-replayed-from").value(), StandardCharsets.UTF_8));
        assertEquals(List.of(), letters.replay(DLQ, letter -> letter.offset() >= 5), "no letter at those offsets");
    }

    private ConsumerRecord<String, byte[]> readOne(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "dead-letters-test", "auto.offset.reset", "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    return r;
                }
            }
            throw new AssertionError("nothing arrived on " + topic);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
