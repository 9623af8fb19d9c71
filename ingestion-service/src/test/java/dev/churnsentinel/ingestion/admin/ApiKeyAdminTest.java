package dev.churnsentinel.ingestion.admin;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.platform.auth.ApiKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's administrator makes, uses, rotates and revokes API keys; the other services ask ingestion about them. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class ApiKeyAdminTest {
    private static final String SERVICE_KEY = "service-key-for-tests-0123";

    @Test
    void aKeyIsShownOnceWorksAtOnceIsListedWithItsLastUseAndStopsWorkingWhenRevoked() throws Exception {
        JsonPath created = admin().body("{\"name\": \"crm-sync\", \"roles\": [\"read\", \"ingest\", \"read\"]}")
                .when().post("/api/v1/admin/keys").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/admin/keys/"))
                .body("status", equalTo("ACTIVE")).body("createdBy", equalTo("api-key:keys"))
                .extract().jsonPath();
        String key = created.getString("key");
        String id = created.getString("id");
        assertTrue(key.startsWith(created.getString("prefix") + "_"), key);
        assertEquals(List.of("ingest", "read"), created.getList("roles"));

        customer(key, "K-" + UUID.randomUUID()).then().statusCode(201);
        given().auth().oauth2(key).when().get("/api/v1/admin/keys").then().statusCode(403);

        JsonPath listed = admin().when().get("/api/v1/admin/keys").then().statusCode(200).extract().jsonPath();
        String item = "items.find { it.id == '" + id + "' }";
        assertEquals("crm-sync", listed.getString(item + ".name"));
        assertNotNull(listed.getString(item + ".lastUsedAt"), "the key was used");
        assertFalse(listed.getString("items").contains(key.substring(key.lastIndexOf('_') + 1)), "the secret is never listed");
        admin().when().get("/api/v1/admin/keys/" + id).then().statusCode(200).body("key", equalTo(null));

        // what a key does is recorded under its name: an erasure says which key asked for it
        JsonPath desk = admin().body("{\"name\": \"privacy-desk\", \"roles\": [\"ingest\", \"admin\"]}")
                .when().post("/api/v1/admin/keys").then().statusCode(201).extract().jsonPath();
        String erased = "K-" + UUID.randomUUID();
        customer(desk.getString("key"), erased).then().statusCode(201);
        given().auth().oauth2(desk.getString("key")).when().delete("/api/v1/customers/" + erased).then().statusCode(202)
                .body("requestedBy", equalTo("key:privacy-desk (" + desk.getString("prefix") + ")"));

        admin().when().delete("/api/v1/admin/keys/" + id).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revokedBy", equalTo("api-key:keys"));
        refusedWithin(key, Duration.ofSeconds(5));
        admin().when().delete("/api/v1/admin/keys/" + id).then().statusCode(200).body("status", equalTo("REVOKED"));
    }

    @Test
    void aRotatedKeyWorksBesideItsSuccessorUntilTheOverlapEnds() throws Exception {
        String oldKey = admin().body("{\"name\": \"dealer-dms\", \"roles\": [\"ingest\"]}").when().post("/api/v1/admin/keys")
                .then().statusCode(201).extract().path("key");
        String oldId = admin().when().get("/api/v1/admin/keys").then().extract().jsonPath()
                .getString("items.find { it.name == 'dealer-dms' }.id");

        JsonPath rotation = admin().body("{\"overlap\": \"PT1H\"}").when().post("/api/v1/admin/keys/" + oldId + "/rotate")
                .then().statusCode(201).extract().jsonPath();
        String newKey = rotation.getString("created.key");
        assertEquals("dealer-dms", rotation.getString("created.name"));
        assertEquals(oldId, rotation.getString("previous.id"));
        assertEquals(rotation.getString("created.id"), rotation.getString("previous.replacedBy"));
        Instant until = Instant.parse(rotation.getString("previous.expiresAt"));
        assertTrue(until.isAfter(Instant.now().plus(Duration.ofMinutes(59))), until.toString());
        customer(oldKey, "K-" + UUID.randomUUID()).then().statusCode(201);
        customer(newKey, "K-" + UUID.randomUUID()).then().statusCode(201);

        // a second rotation of the old key's successor, with no overlap: that key stops at once
        String newId = rotation.getString("created.id");
        admin().body("{\"overlap\": \"PT0S\"}").when().post("/api/v1/admin/keys/" + newId + "/rotate").then().statusCode(201);
        refusedWithin(newKey, Duration.ofSeconds(5));
        admin().when().post("/api/v1/admin/keys/" + newId + "/rotate").then().statusCode(409)
                .body("detail", startsWith("key csk_"));
        admin().body("{\"overlap\": \"P31D\"}").when().post("/api/v1/admin/keys/" + oldId + "/rotate").then().statusCode(400)
                .body("errors[0].field", equalTo("overlap"));
    }

    @Test
    void badRequestsNameTheFieldAndOtherTenantsSeeNothing() {
        admin().body("{\"name\": \" \", \"roles\": [\"root\"]}").when().post("/api/v1/admin/keys").then().statusCode(400)
                .body("errors.field", equalTo(List.of("name", "roles[0]")));
        admin().body("{\"name\": \"x\"}").when().post("/api/v1/admin/keys").then().statusCode(400)
                .body("errors[0].field", equalTo("roles"));
        given().auth().oauth2("k-keys-read").contentType("application/json").body("{\"name\": \"x\", \"roles\": [\"read\"]}")
                .when().post("/api/v1/admin/keys").then().statusCode(403);

        String id = admin().body("{\"name\": \"private\", \"roles\": [\"read\"]}").when().post("/api/v1/admin/keys")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2("k-keys-other").when().get("/api/v1/admin/keys/" + id).then().statusCode(404);
        given().auth().oauth2("k-keys-other").when().delete("/api/v1/admin/keys/" + id).then().statusCode(404);
        given().auth().oauth2("k-keys-other").when().get("/api/v1/admin/keys").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        admin().when().get("/api/v1/admin/keys/not-a-key").then().statusCode(404);
    }

    @Test
    void otherServicesLearnOfAKeyByItsDigestWithAServiceKey() {
        String key = admin().body("{\"name\": \"scoring-reader\", \"roles\": [\"read\"]}").when().post("/api/v1/admin/keys")
                .then().statusCode(201).extract().path("key");
        String digest = HexFormat.of().formatHex(ApiKeys.sha256(key));
        String body = "{\"sha256\": \"" + digest + "\"}";
        given().contentType("application/json").body(body).when().post("/internal/v1/api-keys/introspect").then().statusCode(403);
        given().contentType("application/json").header("X-Sentinel-Service-Key", "wrong-key-0123456789").body(body)
                .when().post("/internal/v1/api-keys/introspect").then().statusCode(403);
        introspect("{\"sha256\": \"abc\"}").then().statusCode(400).body("errors[0].field", equalTo("sha256"));
        introspect(body).then().statusCode(200).body("active", equalTo(true)).body("tenant", equalTo("keys"))
                .body("name", equalTo("scoring-reader")).body("roles", equalTo(List.of("read")));
        introspect("{\"sha256\": \"" + "0".repeat(64) + "\"}").then().statusCode(200).body("active", equalTo(false));
    }

    private static io.restassured.response.Response introspect(String body) {
        return given().contentType("application/json").header("X-Sentinel-Service-Key", SERVICE_KEY).body(body)
                .when().post("/internal/v1/api-keys/introspect");
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2("k-keys-admin").contentType("application/json");
    }

    private static io.restassured.response.Response customer(String key, String customerId) {
        return given().auth().oauth2(key).contentType("application/json").body("{\"name\": \"测试客户\"}")
                .when().put("/api/v1/customers/" + customerId);
    }

    private static void refusedWithin(String key, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (customer(key, "K-" + UUID.randomUUID()).statusCode() != 401) {
            assertTrue(Instant.now().isBefore(deadline), "the key still works after " + limit);
            Thread.sleep(100);
        }
    }
}
