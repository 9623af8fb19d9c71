package dev.churnsentinel.scoring.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnsentinel.infra.InfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static dev.churnsentinel.scoring.health.ScoringFlowTest.awaitHealth;
import static dev.churnsentinel.scoring.health.ScoringFlowTest.feedback;
import static dev.churnsentinel.scoring.health.ScoringFlowTest.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Tenant {@code models} tunes its model and switches preset; every score says which model version made it. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class ScoringModelApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aManagerSwitchesToTheVocPresetAndScoresFollowWithTheModelVersion() throws Exception {
        ObjectNode model = (ObjectNode) JSON.readTree(given().auth().oauth2("k-models").when().get("/api/v1/scoring-model")
                .then().statusCode(200).body("name", equalTo("churn-risk")).body("behaviourWeight", equalTo(0.4f))
                .extract().asString());
        int version = model.get("version").asInt();

        ObjectNode broken = model.deepCopy();
        broken.put("spendingWeight", 0.5);
        broken.remove("recoveryMargin");
        given().auth().oauth2("k-models").contentType("application/json").body(broken.toString())
                .when().put("/api/v1/scoring-model").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("recoveryMargin"));
        broken.put("recoveryMargin", 5);
        given().auth().oauth2("k-models").contentType("application/json").body(broken.toString())
                .when().put("/api/v1/scoring-model").then().statusCode(400).body("errors[0].field", equalTo("behaviourWeight"));
        given().auth().oauth2("k-read").contentType("application/json").body(model.toString())
                .when().put("/api/v1/scoring-model").then().statusCode(403);

        ObjectNode voc = (ObjectNode) JSON.readTree(given().auth().oauth2("k-models").when()
                .get("/api/v1/scoring-model/presets").then().statusCode(200)
                .body("name", hasItems("churn-risk", "voc-health")).extract().asString()).get(1);
        voc.put("version", version);
        voc.remove(dev.churnsentinel.scoring.model.ModelConfig.ADDED_LATER); // a document written before they existed
        int next = given().auth().oauth2("k-models").contentType("application/json").body(voc.toString())
                .when().put("/api/v1/scoring-model").then().statusCode(200).body("name", equalTo("voc-health"))
                .body("pointsPerParticipationPointDrop", equalTo(60f)).body("pointsPerPercentPurchaseGapStretch", equalTo(1f))
                .extract().jsonPath().getInt("version");
        given().auth().oauth2("k-models").contentType("application/json").body(voc.toString())
                .when().put("/api/v1/scoring-model").then().statusCode(409);
        given().auth().oauth2("k-models").when().get("/api/v1/scoring-model/versions").then().statusCode(200)
                .body("items[0].version", equalTo(next)).body("items[0].name", equalTo("voc-health"));

        String customer = "M-" + UUID.randomUUID();
        send(feedback("models", customer, OffsetDateTime.now(), null, 10, 9));
        awaitHealth("k-models", customer, "GREEN")
                .body("model.name", equalTo("voc-health")).body("model.version", equalTo(next))
                .body("dimensions.name", hasItems("NPS", "INTERACTION", "RESOLUTION", "NEGATIVE_WORDS"));
        given().auth().oauth2("k-read").when().get("/api/v1/scoring-model").then().statusCode(200)
                .body("name", equalTo("churn-risk")); // tenant demo keeps the default
    }
}
