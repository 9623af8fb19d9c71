package dev.churnsentinel.e2e;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.LocalStack;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Today's services started on a release's database: they migrate it at start (Flyway checks that no released
 * migration changed), read everything the release wrote as it was, and carry on with it. The release is the one of
 * commit 1a98a9f, used as {@code e2e/upgrade-fixture.sh} does: five customers with half a year of visits, feedback that
 * opened tasks, one task acknowledged and commented, one retained, one churned with its exit survey, a subscription,
 * a playbook and a scoring model of the tenant's own (version 2 of each).
 */
class UpgradeIT {
    static final Path FIXTURE = Path.of("src/test/resources/upgrade/1a98a9f.sql");
    static final String KEY = "k-upgrade-" + UUID.randomUUID();
    static LocalStack stack;
    static Path home;

    @BeforeAll
    static void startOnTheReleasesDatabase() throws Exception {
        home = Files.createTempDirectory("sentinel-upgrade");
        Infrastructure.Ports ports = Infrastructure.Ports.free();
        try (Infrastructure release = Infrastructure.start(home.resolve("data"), ports)) {
            UpgradeFixture.load(FIXTURE, Path.of("..").toAbsolutePath().normalize(), release.postgres().jdbcUrl());
        }
        stack = E2eStack.start(home, KEY + ":demo:ingest|read|manage|admin", ports);
    }

    @AfterAll
    static void stop() throws Exception {
        E2eStack.stop(stack, home);
    }

    @Test
    void whatTheReleaseWroteReadsAsItWas() throws Exception {
        // ingestion: an item the release accepted is still a duplicate
        api("ingestion-service").body(feedback("up-fb-red", "UP-RED", "合同到期我们就解约，不想再续了。"))
                .post("/api/v1/feedback").then().statusCode(200).body("duplicate", equalTo(true));

        // scoring: the customer's tier and its evidence
        JsonPath health = get("scoring-service", "/api/v1/customers/UP-RED/health");
        assertEquals("RED", health.getString("tier"));
        assertTrue(health.getList("overrides.evidence").stream().anyMatch(e -> String.valueOf(e).contains("解约")),
                health.prettify());
        assertEquals(2, get("scoring-service", "/api/v1/scoring-model").getInt("version"));

        // intervention: the tasks, their audit trail, outcomes and the report built on them
        JsonPath red = get("intervention-service", "/api/v1/tasks?customerId=UP-RED");
        assertEquals(List.of("ACKNOWLEDGED"), red.getList("items.status"));
        String history = given().baseUri(stack.url("intervention-service")).auth().oauth2(KEY)
                .get("/api/v1/tasks/" + red.getString("items[0].id") + "/history").then().statusCode(200).extract().asString();
        assertTrue(history.contains("已约周五面谈") && history.contains("客户同意再给一次机会"), history);
        JsonPath churned = get("intervention-service", "/api/v1/tasks?customerId=UP-CHURNED&sort=createdAt");
        assertEquals(List.of("CHURNED"), churned.getList("items.findAll { it.kind == 'RESCUE' }.outcome"));
        assertEquals(List.of("OPEN"), churned.getList("items.findAll { it.kind == 'EXIT_SURVEY' }.status"));
        JsonPath report = get("intervention-service", "/api/v1/reports/retention");
        assertEquals(1, report.getInt("tiers.findAll { it.tier != 'ALL' }.outcomes.retained.sum()"), report.prettify());
        assertEquals(1, report.getInt("tiers.findAll { it.tier != 'ALL' }.outcomes.churned.sum()"), report.prettify());
        assertEquals(2, get("intervention-service", "/api/v1/playbooks").getInt("version"));
        assertEquals(1, get("intervention-service", "/api/v1/subscriptions").getList("items").size());
    }

    @Test
    void theFlowGoesOnOnTheReleasesCustomers() throws Exception {
        // a customer the release knew, whose profile names the senior manager, gets a rescue task and its e-mail
        api("ingestion-service").body(feedback("up-new-" + UUID.randomUUID(), "UP-QUIET", "我们下个月就解约，不想再续了。"))
                .post("/api/v1/feedback").then().statusCode(202);
        JsonPath quiet = await("intervention-service", "/api/v1/tasks?customerId=UP-QUIET",
                t -> t.getList("items").size() == 1);
        assertEquals("RESCUE", quiet.getString("items[0].kind"));
        assertEquals("sm-01", quiet.getString("items[0].assignee.id"));
        await("intervention-service", "/api/v1/notifications?taskId=" + quiet.getString("items[0].id"),
                n -> n.getList("items.status").contains("SENT"));

        // one open task per customer holds across the upgrade: the release's open task takes the new alarm
        api("ingestion-service").body(feedback("up-new-" + UUID.randomUUID(), "UP-RED", "再不解决我就投诉到12315，然后解约。"))
                .post("/api/v1/feedback").then().statusCode(202);
        await("scoring-service", "/api/v1/customers/UP-RED/health",
                h -> h.getList("overrides.evidence").stream().anyMatch(e -> String.valueOf(e).contains("12315")));
        assertEquals(1, get("intervention-service", "/api/v1/tasks?customerId=UP-RED&status=OPEN,ACKNOWLEDGED,IN_PROGRESS")
                .getList("items").size());

        // ids that the release's sequences handed out are not handed out again: the subscription's deliveries go on
        String subscription = get("intervention-service", "/api/v1/subscriptions").getString("items[0].id");
        await("intervention-service", "/api/v1/subscriptions/" + subscription + "/deliveries",
                d -> d.getList("items").size() > 1);
    }

    private static String feedback(String externalId, String customer, String text) {
        return """
                {"externalId": "%s", "customerId": "%s", "channel": "SURVEY", "occurredAt": "%s", "text": "%s"}"""
                .formatted(externalId, customer, OffsetDateTime.now(), text);
    }

    private static RequestSpecification api(String service) {
        return given().baseUri(stack.url(service)).auth().oauth2(KEY).contentType("application/json");
    }

    private static JsonPath get(String service, String path) throws InterruptedException {
        return await(service, path, any -> true);
    }

    private static JsonPath await(String service, String path, Predicate<JsonPath> until) throws InterruptedException {
        return E2eStack.await(stack, KEY, service, path, until);
    }
}
