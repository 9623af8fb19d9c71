package dev.churnsentinel.infra;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dead-letter topics, read and replayed: {@code ./sentinel dlq list [TOPIC]} shows each record set aside (where,
 * why, when, from which topic), {@code ./sentinel dlq replay TOPIC [FROM [TO]]} sends the records at those offsets back
 * to the topic they came from, key, value and original headers as they were, once the cause is fixed. Replaying is
 * safe to repeat: the consumers apply each record id once, so a record that was applied meanwhile changes nothing; a
 * record that still fails is set aside again.
 */
public final class DeadLetters {
    /** The dead-letter topics the services write. */
    public static final List<String> TOPICS = List.of("churnsentinel.ingest.v1.scoring-dlq",
            "churnsentinel.ingest.v1.intervention-dlq", "churnsentinel.tier-changes.v1.intervention-dlq");
    private static final String PREFIX = "x-sentinel-dlq-";
    private static final Duration POLL = Duration.ofMillis(500);

    /** One record set aside. */
    public record Letter(String topic, int partition, long offset, String key, String reason, String at, String from,
                         ConsumerRecord<String, byte[]> record) {
        @Override
        public String toString() {
            return String.format("%s %d:%d key=%s at=%s from=%s reason=%s", topic, partition, offset, key, at, from, reason);
        }
    }

    private final String bootstrap;

    public DeadLetters(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Every record of {@code topic}, each partition in order. */
    public List<Letter> list(String topic) {
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.auto.commit", "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    letters.add(new Letter(r.topic(), r.partition(), r.offset(), r.key(), text(r, PREFIX + "reason"),
                            text(r, PREFIX + "at"), text(r, PREFIX + "topic"), r));
                }
            }
        }
        return letters;
    }

    /**
     * Sends the records of {@code topic} at offsets {@code from} to {@code to} (inclusive, in every partition) back where
     * they came from; how many. A record that does not say where it came from is skipped.
     */
    public int replay(String topic, long from, long to) {
        int sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "enable.idempotence", "true"), new StringSerializer(), new ByteArraySerializer())) {
            for (Letter letter : list(topic)) {
                if (letter.offset() < from || letter.offset() > to || letter.from() == null) {
                    continue;
                }
                producer.send(new ProducerRecord<>(letter.from(), null, letter.key(), letter.record().value(),
                        originalHeaders(letter)));
                sent++;
            }
            producer.flush();
        }
        return sent;
    }

    /**
     * The headers the record came with (the first traceparent: the tracing of the dead-lettering adds its own after it),
     * and where the replay came from.
     */
    private static RecordHeaders originalHeaders(Letter letter) {
        RecordHeaders headers = new RecordHeaders();
        boolean traced = false;
        for (Header h : letter.record().headers()) {
            if (h.key().startsWith(PREFIX) || (h.key().equals("traceparent") && traced)) {
                continue;
            }
            traced |= h.key().equals("traceparent");
            headers.add(h);
        }
        headers.add(new RecordHeader("x-sentinel-replayed-from", (letter.topic() + "/" + letter.partition() + "/"
                + letter.offset()).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** {@code list [TOPIC]} or {@code replay TOPIC [FROM [TO]]}, against {@code KAFKA_BOOTSTRAP_SERVERS} (the local stack's by default). */
    public static void main(String[] args) {
        DeadLetters letters = new DeadLetters(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
        String command = args.length > 0 ? args[0] : "list";
        if (command.equals("list")) {
            for (String topic : args.length > 1 ? List.of(args[1]) : TOPICS) {
                List<Letter> found = letters.list(topic);
                System.out.println(topic + ": " + found.size() + " record(s)");
                found.forEach(l -> System.out.println("  " + l));
            }
        } else if (command.equals("replay") && args.length > 1) {
            long from = args.length > 2 ? Long.parseLong(args[2]) : 0;
            long to = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
            System.out.println("replayed " + letters.replay(args[1], from, to) + " record(s) of " + args[1]);
        } else {
            System.err.println("usage: dlq list [TOPIC] | dlq replay TOPIC [FROM_OFFSET [TO_OFFSET]]");
            System.exit(2);
        }
    }
}
