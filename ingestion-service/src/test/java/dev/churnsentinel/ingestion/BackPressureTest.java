package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With Kafka unreachable (this profile points the relay at a port where nothing listens) the outbox fills;
 * past the limit, writes are refused with 503 and Retry-After, and what was accepted stays.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@TestProfile(BackPressureTest.KafkaUnreachable.class)
class BackPressureTest {

    public static class KafkaUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
                    "sentinel.ingestion.max-outbox-backlog", "2",
                    "sentinel.ingestion.retry-after-seconds", "7",
                    "sentinel.outbox.send-timeout", "500ms");
        }
    }

    @Test
    void writesAreRefusedWhileTheBacklogIsOverTheLimitAndAcceptedItemsStay() throws InterruptedException {
        String customer = "C-" + UUID.randomUUID();
        int accepted = 0;
        Response refused = null;
        Instant deadline = Instant.now().plusSeconds(20);
        while (refused == null && Instant.now().isBefore(deadline)) {
            Response response = given().auth().oauth2("k-ingest").contentType("application/json")
                    .body(BatchAndIdempotencyTest.item("bp-" + UUID.randomUUID(), customer, "\"nps\": 8"))
                    .when().post("/api/v1/feedback");
            if (response.statusCode() == 202) {
                accepted++;
            } else {
                refused = response;
            }
            Thread.sleep(100);
        }
        assertEquals(503, refused.statusCode());
        assertEquals("7", refused.header("Retry-After"));
        refused.then().contentType("application/problem+json").body("detail", containsString("waiting for Kafka"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.data.pending", equalTo(accepted));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
