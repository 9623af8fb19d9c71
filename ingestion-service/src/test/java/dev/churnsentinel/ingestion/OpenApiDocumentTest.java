package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.OpenApiDocuments;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The API document the client SDKs are generated from is this service's own ({@link OpenApiDocuments}). */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class OpenApiDocumentTest {

    @Test
    void theClientsAreGeneratedFromThisServicesApi() {
        String live = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertNull(OpenApiDocuments.check("ingestion", live));
    }
}
