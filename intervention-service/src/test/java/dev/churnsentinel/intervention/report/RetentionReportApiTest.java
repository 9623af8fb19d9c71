package dev.churnsentinel.intervention.report;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.proto.events.v1.Tier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tenant {@code report}: one RED customer kept, one ORANGE customer lost, one YELLOW task still open. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class RetentionReportApiTest {
    static final String KEY = "k-report";

    @Test
    void theReportCountsSlaSaveRateMoneyKeptAndRoiPerTier() {
        OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        String kept = "C-" + UUID.randomUUID();
        String lost = "C-" + UUID.randomUUID();
        String open = "C-" + UUID.randomUUID();
        for (String customer : new String[] {kept, lost}) {
            profile("report", customer, "zhou@example.com");
        }
        awaitProfile();
        String red = openTask(KEY, "report", kept, Tier.RED).getString("items[0].id");
        String orange = openTask(KEY, "report", lost, Tier.ORANGE).getString("items[0].id");
        openTask(KEY, "report", open, Tier.YELLOW);
        given().auth().oauth2(KEY).when().post("/api/v1/tasks/" + red + "/acknowledge").then().statusCode(200);
        given().auth().oauth2(KEY).contentType("application/json").body("{\"outcome\": \"RETAINED\", \"cost\": 800}")
                .when().post("/api/v1/tasks/" + red + "/resolve").then().statusCode(200);
        given().auth().oauth2(KEY).contentType("application/json").body("{\"outcome\": \"CHURNED\", \"cost\": 200}")
                .when().post("/api/v1/tasks/" + orange + "/resolve").then().statusCode(200);

        JsonPath report = given().auth().oauth2(KEY).queryParam("from", from.toString()).when().get("/api/v1/reports/retention")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("RED", report.getString("tiers[0].tier"));
        assertEquals(1, report.getInt("tiers[0].outcomes.retained"));
        assertEquals(1.0, report.getDouble("tiers[0].outcomes.saveRate"));
        assertEquals(1.0, report.getDouble("tiers[0].sla.acknowledgedOnTimeRate"));
        assertEquals(1.0, report.getDouble("tiers[0].sla.resolvedOnTimeRate"));
        assertEquals(5000.0, report.getDouble("tiers[0].money.retainedAnnualValue"));
        assertEquals(4500.0, report.getDouble("tiers[0].money.revenueKept"), "5,000 × 0.3 margin × 3 years");
        assertEquals(4.625, report.getDouble("tiers[0].money.roi"), "(4,500 - 800) / 800");
        assertEquals(0.0, report.getDouble("tiers[1].outcomes.saveRate"));
        assertEquals(1, report.getInt("tiers[2].open"));
        assertEquals("ALL", report.getString("tiers[3].tier"));
        assertEquals(3, report.getInt("tiers[3].tasks"));
        assertEquals(3.5, report.getDouble("tiers[3].money.roi"), "(4,500 - 1,000) / 1,000");
        assertEquals(1, report.getInt("exitReasons.PENDING"), "the lost customer's exit survey is open");

        given().auth().oauth2(KEY).queryParam("from", from.toString()).queryParam("margin", 0.5).queryParam("lifetimeYears", 2)
                .when().get("/api/v1/reports/retention").then().statusCode(200)
                .body("tiers[0].money.revenueKept", equalTo(5000.0f));
        given().auth().oauth2(KEY).queryParam("from", "yesterday").queryParam("margin", 2)
                .when().get("/api/v1/reports/retention").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("from", "margin"));
        given().auth().oauth2("k-report-other").queryParam("from", from.toString()).when().get("/api/v1/reports/retention")
                .then().statusCode(200).body("tiers[3].tasks", equalTo(0));
    }
}
