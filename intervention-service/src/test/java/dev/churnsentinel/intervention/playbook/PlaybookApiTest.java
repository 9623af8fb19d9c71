package dev.churnsentinel.intervention.playbook;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tenant acme edits its playbooks; new tasks follow the new version at once. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class PlaybookApiTest {

    @Test
    void aManagerReplacesThePlaybooksAndTheNextTaskFollowsTheNewVersion() {
        JsonPath current = given().auth().oauth2("k-acme").when().get("/api/v1/playbooks").then().statusCode(200)
                .body("tiers.RED.kind", equalTo("RESCUE")).body("tiers.RED.due", equalTo("PT24H"))
                .body("tiers.RED.escalateTo", equalTo("REGIONAL_DIRECTOR"))
                .body("variants.exitSurvey.reasonCodes", hasItems("PRICE", "COMPETITOR"))
                .extract().jsonPath();
        int version = current.getInt("version");
        String edited = given().auth().oauth2("k-acme").when().get("/api/v1/playbooks").then().extract().asString()
                .replace("\"PT24H\"", "\"PT12H\"");

        int next = given().auth().oauth2("k-acme").contentType("application/json").body(edited)
                .when().put("/api/v1/playbooks").then().statusCode(200)
                .body("tiers.RED.due", equalTo("PT12H")).extract().jsonPath().getInt("version");
        assertEquals(version + 1, next);
        given().auth().oauth2("k-acme").contentType("application/json").body(edited)
                .when().put("/api/v1/playbooks").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2("k-acme").when().get("/api/v1/playbooks/versions").then().statusCode(200)
                .body("items[0].version", equalTo(next));
        given().auth().oauth2("k-read").when().get("/api/v1/playbooks").then().statusCode(200)
                .body("tiers.RED.due", equalTo("PT24H")); // tenant demo still has the default

        String customer = "C-" + UUID.randomUUID();
        TestTopics.send("churnsentinel.tier-changes.v1", "acme/" + customer, TierChanged.newBuilder()
                .setId(UUID.randomUUID().toString()).setTenant("acme").setCustomerId(customer).setTier(Tier.RED)
                .setRiskScore(95).setStage("DECIDED").setChangedAt(OffsetDateTime.now().toString()).build().toByteArray());
        JsonPath task = Fixtures.awaitTasks("k-acme", customer, list -> list.getInt("total") == 1);
        assertEquals(next, task.getInt("items[0].playbookVersion"));
        assertEquals(Duration.ofHours(12), Duration.between(OffsetDateTime.parse(task.getString("items[0].createdAt")),
                OffsetDateTime.parse(task.getString("items[0].dueAt"))));
    }

    @Test
    void aBrokenDocumentIsRefusedFieldByFieldAndNothingChanges() {
        int before = given().auth().oauth2("k-acme").when().get("/api/v1/playbooks").then().extract().jsonPath().getInt("version");
        String broken = """
                {"tiers": {"RED": {"kind": "RESCUE", "due": "PT1H", "acknowledgeWithin": "PT2H",
                                   "assigneeRole": "SENIOR_MANAGER", "guidance": ["call"]},
                           "ORANGE": {"kind": "INTERVENE", "due": "P3D", "acknowledgeWithin": "PT8H",
                                      "assigneeRole": "ACCOUNT_MANAGER", "guidance": []}}}""";
        JsonPath problem = given().auth().oauth2("k-acme").contentType("application/json").body(broken)
                .when().put("/api/v1/playbooks").then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath();
        assertEquals(List.of("tiers.YELLOW", "tiers.ORANGE.guidance", "tiers.RED.acknowledgeWithin"), problem.getList("errors.field"));
        given().auth().oauth2("k-acme").contentType("application/json").body("{\"tiers\": {\"RED\": {\"due\": \"tomorrow\"}}}")
                .when().put("/api/v1/playbooks").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2("k-read").contentType("application/json").body(broken)
                .when().put("/api/v1/playbooks").then().statusCode(403);
        given().auth().oauth2("k-acme").when().get("/api/v1/playbooks").then().body("version", equalTo(before));
    }
}
