package dev.churnsentinel.inbox;

import dev.churnsentinel.platform.kafka.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The dead-letter topics, read and replayed: each record set aside (where, why, when, from which topic), and the
 * records chosen sent back to the topic they came from, key, value and original headers as they were, once the cause
 * is fixed. Replaying is safe to repeat: the consumers apply each record id once, so a record that was applied
 * meanwhile changes nothing; a record that still fails is set aside again.
 */
public final class DeadLetterTopics {
    /** The headers {@link RecordFaults#setAside} adds all start with it. */
    private static final String ADDED = "x-sentinel-dlq-";
    /** Where a replayed record was read: {@code topic/partition/offset} of its dead letter. */
    public static final String REPLAYED_FROM = "x-sentinel-replayed-from";
    private static final Duration POLL = Duration.ofMillis(500);

    /** One record set aside; {@code from} is the topic it came from (null if it does not say). */
    public record Letter(String topic, int partition, long offset, String key, String reason, String at, String from,
                         ConsumerRecord<String, byte[]> record) {
        @Override
        public String toString() {
            return String.format("%s %d:%d key=%s at=%s from=%s reason=%s", topic, partition, offset, key, at, from, reason);
        }

        /** A header's text, null when the record does not carry it. */
        public String header(String name) {
            return DeadLetterTopics.header(record, name);
        }
    }

    private final Map<String, Object> kafka;

    /** @param kafka how to reach Kafka: {@code bootstrap.servers} and whatever the cluster asks for (TLS, SASL) */
    public DeadLetterTopics(Map<String, Object> kafka) {
        this.kafka = Map.copyOf(KafkaConnection.of(kafka));
    }

    /** Every record of {@code topic} that {@code wanted} takes, each partition in order. */
    public List<Letter> list(String topic, Predicate<Letter> wanted) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    Letter letter = new Letter(r.topic(), r.partition(), r.offset(), r.key(), header(r, RecordFaults.REASON),
                            header(r, RecordFaults.AT), header(r, RecordFaults.SOURCE_TOPIC), r);
                    if (wanted.test(letter)) {
                        letters.add(letter);
                    }
                }
            }
        }
        return letters;
    }

    /**
     * Sends the records of {@code topic} that {@code chosen} takes back where they came from, and returns them once
     * Kafka has acknowledged every one. A record that does not say where it came from is left.
     */
    public List<Letter> replay(String topic, Predicate<Letter> chosen) {
        List<Letter> letters = list(topic, letter -> letter.from() != null && chosen.test(letter));
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (Letter letter : letters) {
                sent.add(producer.send(new ProducerRecord<>(letter.from(), null, letter.key(), letter.record().value(),
                        originalHeaders(letter))));
            }
            for (Future<?> acknowledged : sent) {
                acknowledged.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the replayed records: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        }
        return letters;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The headers the record came with (the first traceparent: the tracing of the dead-lettering adds its own after it),
     * and where the replay came from.
     */
    private static RecordHeaders originalHeaders(Letter letter) {
        RecordHeaders headers = new RecordHeaders();
        boolean traced = false;
        for (Header h : letter.record().headers()) {
            if (h.key().startsWith(ADDED) || (h.key().equals("traceparent") && traced)) {
                continue;
            }
            traced |= h.key().equals("traceparent");
            headers.add(h);
        }
        headers.add(new RecordHeader(REPLAYED_FROM, (letter.topic() + "/" + letter.partition() + "/"
                + letter.offset()).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
