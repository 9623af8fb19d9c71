package dev.churnsentinel.platform.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * How a service reaches its Kafka brokers, for the clients it builds itself (the outbox relay's producer, the
 * dead-letter reader): the service's {@code kafka.*} configuration (servers, TLS, SASL) without the settings of its
 * consumer group, which such clients do not have and would log as unknown.
 */
public final class KafkaConnection {
    private KafkaConnection() {
    }

    /** {@code kafka}, the shared {@code kafka.*} map, without {@code group.*} and {@code auto.offset.*}; a new map. */
    public static Map<String, Object> of(Map<String, ?> kafka) {
        Map<String, Object> connection = new HashMap<>(kafka);
        connection.keySet().removeIf(key -> key.startsWith("group.") || key.startsWith("auto.offset."));
        return connection;
    }
}
