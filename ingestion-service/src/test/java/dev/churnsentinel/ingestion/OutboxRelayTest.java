package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The relay reads from a floor, not from the start of the table (RelayFloor): a message whose transaction took its id
 * before later messages were written, and committed after those were sent, is still sent.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class OutboxRelayTest {
    private static final String TOPIC = "churnsentinel.ingest.v1";

    @Test
    void aMessageCommittedAfterLaterOnesWereSentStillArrives() throws Exception {
        String late = "demo/C-late-" + UUID.randomUUID();
        String customer = "C-" + UUID.randomUUID();
        try (Connection open = DriverManager.getConnection(InfrastructureTestResource.shared().postgres().jdbcUrl(),
                "postgres", "postgres")) {
            open.setAutoCommit(false);
            try (PreparedStatement write = open.prepareStatement(
                    "insert into ingestion.outbox_message (topic, message_key, payload) values (?, ?, ?)")) {
                write.setString(1, TOPIC);
                write.setString(2, late);
                write.setBytes(3, "written first, committed last".getBytes(StandardCharsets.UTF_8));
                write.executeUpdate();
            }
            for (int i = 0; i < 3; i++) { // later messages, sent while the first one's transaction is still open
                given().auth().oauth2("k-ingest").contentType("application/json")
                        .body(BatchAndIdempotencyTest.item("late-" + UUID.randomUUID(), customer, "\"nps\": " + i))
                        .when().post("/api/v1/feedback").then().statusCode(202);
            }
            assertEquals(3, TestTopics.read(TOPIC, "demo/" + customer, 3, Duration.ofSeconds(15)).size());
            open.commit();
        }
        List<byte[]> arrived = TestTopics.read(TOPIC, late, 1, Duration.ofSeconds(15));
        assertEquals(List.of("written first, committed last"),
                arrived.stream().map(value -> new String(value, StandardCharsets.UTF_8)).toList());
        // and nothing is left waiting
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline) && given().when().get("/q/health/ready").then().extract()
                .<Integer>path("checks.find { it.name == 'outbox' }.data.pending") > 0) {
            Thread.sleep(100);
        }
        given().when().get("/q/health/ready").then().body("checks.find { it.name == 'outbox' }.data.pending", equalTo(0));
    }
}
