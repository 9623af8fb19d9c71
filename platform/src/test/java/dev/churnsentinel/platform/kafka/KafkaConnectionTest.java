package dev.churnsentinel.platform.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaConnectionTest {
    @Test
    void keepsHowToReachTheBrokersAndDropsTheConsumerGroupsSettings() {
        Map<String, Object> kafka = Map.of("bootstrap.servers", "b1:9093", "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "plain", "group.id", "scoring", "group.instance.id", "scoring-0",
                "auto.offset.reset", "earliest");
        assertEquals(Map.of("bootstrap.servers", "b1:9093", "security.protocol", "SASL_SSL", "sasl.jaas.config", "plain"),
                KafkaConnection.of(kafka));
    }
}
