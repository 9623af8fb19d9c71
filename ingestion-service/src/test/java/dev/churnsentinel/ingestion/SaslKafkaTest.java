package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.KafkaBroker;
import dev.churnsentinel.infra.TestTopics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Against a broker that lets in only clients signed in with SASL/PLAIN, the service configured with nothing but the
 * usual {@code kafka.*} settings relays what it accepted: the outbox relay's producer reads the same configuration as
 * every other Kafka client of the service.
 */
@QuarkusTest
@TestProfile(SaslKafkaTest.SaslBroker.class)
class SaslKafkaTest {
    private static final String TOPIC = "churnsentinel.ingest.v1";

    public static class SaslBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SaslKafka.class));
        }
    }

    /** The shared PostgreSQL and SMTP, and a Kafka broker of this class's own that requires SASL/PLAIN. */
    public static class SaslKafka implements QuarkusTestResourceLifecycleManager {
        static final String USER = "ingestion";
        static final String PASSWORD = "s3cret-" + UUID.randomUUID();
        private static KafkaBroker broker;
        private static Path logs;

        @Override
        public Map<String, String> start() {
            try {
                logs = Files.createTempDirectory("sentinel-sasl-kafka");
                broker = KafkaBroker.startWithPlainSasl(logs, Infrastructure.freePort(), Infrastructure.freePort(),
                        Map.of(USER, PASSWORD));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> config = new HashMap<>(InfrastructureTestResource.shared().serviceConfig());
            connection(true).forEach((key, value) -> config.put("kafka." + key, value.toString()));
            return config;
        }

        /** How a client reaches the broker: signed in, or plainly (which the broker refuses). */
        static Map<String, Object> connection(boolean signedIn) {
            Map<String, Object> connection = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers()));
            if (signedIn) {
                connection.put("security.protocol", "SASL_PLAINTEXT");
                connection.put("sasl.mechanism", "PLAIN");
                connection.put("sasl.jaas.config", KafkaBroker.plainLogin(USER, PASSWORD));
            }
            return connection;
        }

        @Override
        public void stop() {
            broker.close();
            try {
                Infrastructure.deleteRecursively(logs);
            } catch (IOException ignored) {
                // a temporary folder: the system clears it in time
            }
        }
    }

    @Test
    void acceptedFeedbackReachesABrokerThatRequiresSasl() {
        String customer = "C-" + UUID.randomUUID();
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body(BatchAndIdempotencyTest.item("sasl-" + UUID.randomUUID(), customer, "\"nps\": 3"))
                .when().post("/api/v1/feedback").then().statusCode(202);

        assertEquals(1, TestTopics.records(SaslKafka.connection(true), TOPIC, "demo/" + customer, 1,
                Duration.ofSeconds(20)).size());
    }

    @Test
    void theBrokerRefusesAClientThatDoesNotSignIn() {
        Map<String, Object> plain = new HashMap<>(SaslKafka.connection(false));
        plain.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        plain.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(plain)) {
            assertThrows(ExecutionException.class,
                    () -> admin.listTopics(new ListTopicsOptions().timeoutMs(3000)).names().get());
        }
    }
}
