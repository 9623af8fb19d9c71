package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller's trace continues on Kafka through the outbox; the business metrics are on /q/metrics. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class TelemetryTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void theCallersTraceIsCarriedToKafkaInTheTraceparentHeader() {
        String customer = "C-" + UUID.randomUUID();
        given().auth().oauth2("k-ingest").contentType("application/json")
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .body("""
                        [{"externalId": "t-%s", "customerId": "%s", "channel": "CHAT",
                          "occurredAt": "2026-03-01T10:00:00+08:00", "satisfaction": 6}]""".formatted(UUID.randomUUID(), customer))
                .when().post("/api/v1/feedback/batch").then().statusCode(200);
        given().auth().oauth2("k-ingest").contentType("application/json")
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b8-01")
                .body("{\"name\": \"王女士\"}").when().put("/api/v1/customers/" + customer).then().statusCode(200); // replaces the bare profile

        List<ConsumerRecord<String, byte[]>> records = TestTopics.records("churnsentinel.ingest.v1", "demo/" + customer, 2,
                Duration.ofSeconds(10));
        assertEquals(2, records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Header header = record.headers().lastHeader("traceparent");
            assertNotNull(header, "no traceparent on " + record);
            String traceparent = new String(header.value(), StandardCharsets.UTF_8);
            assertTrue(traceparent.startsWith("00-" + TRACE_ID + "-"), traceparent);
        }
    }

    @Test
    void metricsShowWhatWasIngestedAndTheOutboxLag() {
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("""
                        {"externalId": "m-%s", "customerId": "C-m", "channel": "SURVEY",
                         "occurredAt": "2026-03-01T10:00:00+08:00", "nps": 9}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/feedback").then().statusCode(202);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("sentinel_ingested_total{kind=\"feedback\",outcome=\"accepted\",tenant=\"demo\"}"))
                .body(containsString("sentinel_outbox_pending"));
    }
}
