package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant over its quota (5 requests a second here) gets 429 with Retry-After, and nothing of the refused requests is
 * kept; another tenant's requests go through meanwhile.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class RateLimitTest {
    @Inject
    Pool database;

    @Test
    void aTenantOverItsQuotaIsToldToWaitAndOthersAreNot() {
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(given().auth().oauth2("k-limited").contentType("application/json")
                    .body(BatchAndIdempotencyTest.item("rl-" + UUID.randomUUID(), "C-rl", "\"nps\": 7"))
                    .when().post("/api/v1/feedback"));
            // the other tenant, meanwhile
            given().auth().oauth2("k-ingest").contentType("application/json")
                    .body(BatchAndIdempotencyTest.item("rl-" + UUID.randomUUID(), "C-rl", "\"nps\": 7"))
                    .when().post("/api/v1/feedback").then().statusCode(202);
        }
        long accepted = answers.stream().filter(r -> r.statusCode() == 202).count();
        List<Response> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(20, accepted + refused.size(), "each answer is 202 or 429");
        assertTrue(accepted >= 5 && accepted < 20, accepted + " accepted: the burst of 5, and what the rate refilled");
        long kept = database.query("select count(*) from feedback where tenant = 'limited'").execute()
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(accepted, kept, "what was refused was not kept");
        Response first = refused.get(0);
        assertEquals("application/problem+json", first.contentType());
        assertTrue(Integer.parseInt(first.header("Retry-After")) >= 1);
        first.then().body("status", org.hamcrest.Matchers.equalTo(429))
                .body("detail", containsString("tenant limited sends more than its quota of 5 requests a second"));
    }
}
