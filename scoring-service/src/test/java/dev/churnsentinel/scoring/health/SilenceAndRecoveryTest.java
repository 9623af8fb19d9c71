package dev.churnsentinel.scoring.health;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.EventReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static dev.churnsentinel.scoring.health.ScoringFlowTest.awaitHealth;
import static dev.churnsentinel.scoring.health.ScoringFlowTest.feedback;
import static dev.churnsentinel.scoring.health.ScoringFlowTest.send;
import static dev.churnsentinel.scoring.health.ScoringFlowTest.tierChangesFor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Silence found by the scan (tenant {@code silence}); a recovery announced once a phrase is old and the score clear. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class SilenceAndRecoveryTest {

    @Test
    void aCustomerSilentWellBeyondTheirOwnRhythmIsFlaggedByTheScanAndAlertedOnce() {
        String customer = "S-" + UUID.randomUUID();
        OffsetDateTime first = OffsetDateTime.now().minusDays(200);
        for (int visit = 0; visit < 4; visit++) { // every 30 days, the last 110 days ago
            send(visit(customer, first.plusDays(30L * visit)));
        }
        awaitHealth("k-silence", customer, "GREEN");
        // all four applied before the scan: GREEN may show after the first, and a later one would then be scored anew
        TestTopics.awaitConsumed("scoring-service", "churnsentinel.ingest.v1", Duration.ofSeconds(60));
        given().auth().oauth2("k-read").when().post("/api/v1/admin/silence-scan").then().statusCode(403);

        given().auth().oauth2("k-silence").when().post("/api/v1/admin/silence-scan")
                .then().statusCode(200).body("flagged", equalTo(1));
        awaitHealth("k-silence", customer, "YELLOW")
                .body("overrides.rule", hasItem("SILENCE"))
                .body("stage", equalTo("DECIDED"));
        List<TierChanged> changes = tierChangesFor("silence", customer, 1, Duration.ofSeconds(10));
        assertEquals(1, changes.size());
        assertEquals(Tier.YELLOW, changes.get(0).getTier());
        assertEquals("", changes.get(0).getTriggerAcceptedAt(), "the clock moved the customer, not a record");

        given().auth().oauth2("k-silence").when().post("/api/v1/admin/silence-scan")
                .then().statusCode(200).body("flagged", equalTo(0)); // looked at again one rhythm later, not now

        // a visit of 100 days ago, reported late, does not end a silence that still lasts: no recovery announced
        send(visit(customer, first.plusDays(100)));
        TestTopics.awaitConsumed("scoring-service", "churnsentinel.ingest.v1", Duration.ofSeconds(60));
        awaitHealth("k-silence", customer, "YELLOW").body("overrides.rule", hasItem("SILENCE"));
        assertEquals(1, tierChangesFor("silence", customer, 2, Duration.ofSeconds(3)).size());
        given().auth().oauth2("k-read").when().get("/api/v1/customers/" + customer + "/health").then().statusCode(404);
    }

    private static IngestRecord visit(String customer, OffsetDateTime at) {
        return IngestRecord.newBuilder().setId(UUID.randomUUID().toString()).setTenant("silence").setCustomerId(customer)
                .setEvent(EventReceived.newBuilder().setEventId(UUID.randomUUID().toString()).setType("SERVICE_VISIT")
                        .setAmount(800).setOccurredAt(at.toString()))
                .build();
    }

    @Test
    void aRedCustomerWhosePhraseIsOldAndWhoIsHappyNowIsAnnouncedAsRecovered() {
        String customer = "R-" + UUID.randomUUID();
        send(feedback("demo", customer, OffsetDateTime.now().minusDays(100), "合同到期我们就解约，不想再续了。", null, null));
        awaitHealth(customer, "RED");
        send(feedback("demo", customer, OffsetDateTime.now(), null, 10, 9));
        awaitHealth(customer, "GREEN").body("overrides", org.hamcrest.Matchers.empty());

        List<TierChanged> changes = tierChangesFor("demo", customer, 2, Duration.ofSeconds(10));
        assertEquals(List.of(Tier.RED, Tier.GREEN), changes.stream().map(TierChanged::getTier).toList());
        assertEquals(Tier.RED, changes.get(1).getPreviousTier());
    }
}
