package dev.churnsentinel.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Writes and reads records on the tests' Kafka broker, as the services' peers would. */
public final class TestTopics {
    private static KafkaProducer<String, byte[]> producer;

    private TestTopics() {
    }

    /** Sends one record and waits until the broker has it. */
    public static void send(String topic, String key, byte[] value) {
        send(topic, key, value, Map.of());
    }

    /** Sends one record with headers (a {@code traceparent}, say) and waits until the broker has it. */
    public static synchronized void send(String topic, String key, byte[] value, Map<String, String> headers) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending to " + topic + " failed", e.getCause());
        }
    }

    /**
     * Sends records (key and value each) all at once, as a burst, and waits until the broker has every one: they reach
     * a consumer in large polls, on every partition at the same time.
     */
    public static synchronized void sendBurst(String topic, Map<String, byte[]> records) {
        KafkaProducer<String, byte[]> burst = producer();
        records.forEach((key, value) -> burst.send(new ProducerRecord<>(topic, key, value)));
        burst.flush();
    }

    private static KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /**
     * The values of the records with {@code key}, read from the start of {@code topic}; stops as soon as
     * {@code atLeast} arrived, or after {@code wait} (to show that no more came).
     */
    public static List<byte[]> read(String topic, String key, int atLeast, Duration wait) {
        return records(topic, key, atLeast, wait).stream().map(ConsumerRecord::value).toList();
    }

    /** As {@link #read}, the whole records (headers too). */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, String key, int atLeast, Duration wait) {
        return records(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), topic, key, atLeast, wait);
    }

    /** As {@link #records}, from the broker that {@code connection} names and signs in to (TLS, SASL). */
    public static List<ConsumerRecord<String, byte[]>> records(Map<String, Object> connection, String topic, String key,
                                                               int atLeast, Duration wait) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(wait);
            while ((atLeast <= 0 || found.size() < atLeast) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Waits until consumer group {@code group} has committed, on every partition of {@code topic}, everything written
     * there so far: what the service consumes is applied by then (a service commits a record after applying it).
     */
    public static void awaitConsumed(String group, String topic, Duration wait) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(config);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(wait);
            Map<TopicPartition, Long> behind = ends;
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                behind = new TreeMap<>(Comparator.comparing(TopicPartition::partition));
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    long lag = end.getValue() - (at == null ? 0 : at.offset());
                    if (lag > 0) {
                        behind.put(end.getKey(), lag);
                    }
                }
                if (behind.isEmpty()) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("group " + group + " did not catch up on " + topic + " within " + wait
                    + "; records left per partition: " + behind);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the offsets of " + group + " failed", e.getCause());
        }
    }

    private static String bootstrapServers() {
        return InfrastructureTestResource.shared().kafka().bootstrapServers();
    }
}
