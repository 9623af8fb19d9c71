package dev.churnsentinel.intervention.task;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.proto.events.v1.Tier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.churnsentinel.intervention.Fixtures.TIER_CHANGES;
import static dev.churnsentinel.intervention.Fixtures.change;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An integrator reads the lists back: page by page with cursors, with totals that count every match, with filters
 * that are applied or refused, and a sync that sees each task once while new ones keep arriving.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListPagingTest {
    private static final String KEY = "k-pages";
    private static final int TASKS = 10_000;

    @Test
    @Order(1)
    void aSyncPagesThroughTenThousandTasksWhileNewOnesArriveAndSeesEachOnce() throws Exception {
        Set<String> first = burst("P1", TASKS);
        Fixtures.await(() -> total("/api/v1/tasks"), n -> n >= TASKS, TASKS + " tasks", Duration.ofSeconds(120));

        CompletableFuture<Set<String>> more = CompletableFuture.supplyAsync(() -> burst("P2", 2_000));
        Map<String, Integer> seen = new HashMap<>();
        String cursor = null;
        int pages = 0;
        long began = System.nanoTime();
        do {
            JsonPath page = given().auth().oauth2(KEY).queryParam("sort", "updatedAt").queryParam("limit", 500)
                    .queryParam("includeTotal", false).queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/v1/tasks").then().statusCode(200).body("$", not(hasKey("total")))
                    .extract().jsonPath();
            page.getList("items.id", String.class).forEach(id -> seen.merge(id, 1, Integer::sum));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        long took = (System.nanoTime() - began) / 1_000_000;
        Set<String> created = more.get();
        System.out.printf("sync: %d tasks in %d pages of 500 in %d ms, while 2,000 more arrived%n", seen.size(), pages, took);

        Map<String, Integer> twice = new LinkedHashMap<>();
        seen.forEach((id, n) -> {
            if (n > 1) {
                twice.put(id, n);
            }
        });
        assertEquals(Map.of(), twice, "tasks seen more than once");
        List<String> customers = customersOf(seen.keySet());
        assertTrue(customers.containsAll(first), "every task that was there when the sync began is seen");
        assertTrue(created.containsAll(customers.stream().filter(c -> !first.contains(c)).toList()));
        assertTrue(pages >= TASKS / 500, pages + " pages");
        Fixtures.await(() -> total("/api/v1/tasks"), n -> n == TASKS + 2_000, "the tasks of both bursts", Duration.ofSeconds(60));
    }

    @Test
    @Order(2)
    void totalCountsEveryMatchAndTheLastPageSaysSo() {
        long all = total("/api/v1/tasks");
        JsonPath page = given().auth().oauth2(KEY).when().get("/api/v1/tasks?limit=3").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, page.getList("items").size());
        assertEquals(all, page.getLong("total"));
        assertTrue(page.getString("nextCursor") != null);

        given().auth().oauth2(KEY).when().get("/api/v1/tasks?tier=GREEN").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("total", equalTo(0)).body("nextCursor", nullValue());
        JsonPath red = given().auth().oauth2(KEY).when().get("/api/v1/tasks?tier=red,orange&status=OPEN&escalated=false"
                + "&overdue=false&createdSince=2026-01-01&limit=1").then().statusCode(200).extract().jsonPath();
        assertEquals(all, red.getLong("total"));
    }

    @Test
    @Order(3)
    void notificationsAreFilteredByStatusAndPaged() {
        JsonPath failed = given().auth().oauth2(KEY).when().get("/api/v1/notifications?status=FAILED&limit=50")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(failed.getLong("total") > 50, "the tasks of customers without contacts have failed notifications");
        assertEquals(Set.of("FAILED"), new HashSet<>(failed.getList("items.status", String.class)));

        given().auth().oauth2(KEY).when().get("/api/v1/notifications?status=SENT").then().statusCode(200)
                .body("total", equalTo(0));
        String next = failed.getString("nextCursor");
        JsonPath second = given().auth().oauth2(KEY).queryParam("cursor", next)
                .when().get("/api/v1/notifications?status=FAILED&limit=50").then().statusCode(200).extract().jsonPath();
        Set<String> ids = new HashSet<>(failed.getList("items.id", String.class));
        second.getList("items.id", String.class).forEach(id -> assertTrue(ids.add(id), "seen twice: " + id));
    }

    @Test
    @Order(4)
    void unknownParametersValuesAndForeignCursorsAreRefused() {
        problem("/api/v1/notifications?statsu=FAILED", "statsu", "unknown query parameter");
        problem("/api/v1/tasks?tier=PURPLE", "tier", "comma-separated list of [GREEN, ORANGE, RED, YELLOW]");
        problem("/api/v1/tasks?overdue=yes", "overdue", "must be true or false");
        problem("/api/v1/tasks?sort=priority", "sort", "must be one of [createdAt, dueAt, updatedAt]");
        problem("/api/v1/tasks?limit=501", "limit", "between 1 and 500");
        problem("/api/v1/tasks?updatedSince=yesterday", "updatedSince", "ISO-8601");
        problem("/api/v1/tasks?createdSince=2026-12-02&createdBefore=2026-12-01", "createdBefore", "must be after");
        problem("/api/v1/notifications?taskId=42", "taskId", "must be a UUID");
        given().auth().oauth2(KEY).urlEncodingEnabled(false).when().get("/api/v1/tasks?customerId=%00").then()
                .statusCode(400).body("errors[0].field", equalTo("customerId"))
                .body("errors[0].message", containsString("letters, digits"));
        problem("/api/v1/tasks?cursor=bm90LWEtY3Vyc29y", "cursor", "not a cursor this API issued");

        String cursor = given().auth().oauth2(KEY).when().get("/api/v1/tasks?limit=2").then().statusCode(200)
                .extract().jsonPath().getString("nextCursor");
        given().auth().oauth2("k-acme").queryParam("cursor", cursor).when().get("/api/v1/tasks?limit=2")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"))
                .body("errors[0].message", equalTo("belongs to another tenant"));
        given().auth().oauth2(KEY).queryParam("cursor", cursor).when().get("/api/v1/tasks?limit=2&tier=RED")
                .then().statusCode(400).body("errors[0].message", containsString("another sort or other filters"));
        String altered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("AA") ? "BB" : "AA");
        given().auth().oauth2(KEY).queryParam("cursor", altered).when().get("/api/v1/tasks?limit=2")
                .then().statusCode(400).body("errors[0].message", containsString("altered"));
        given().auth().oauth2(KEY).queryParam("cursor", cursor).when().get("/api/v1/tasks?limit=7")
                .then().statusCode(200).body("items.size()", equalTo(7));
    }

    private static void problem(String path, String field, String message) {
        given().auth().oauth2(KEY).when().get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].message", containsString(message));
    }

    private static long total(String path) {
        return given().auth().oauth2(KEY).when().get(path + "?limit=1").then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    /** RED tier changes for {@code count} new customers, sent at once; their ids. */
    private static Set<String> burst(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<String, byte[]> records = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String customer = prefix + "-" + run + "-" + i;
            records.put("pages/" + customer, change("pages", customer, Tier.RED, false, false).toByteArray());
        }
        TestTopics.sendBurst(TIER_CHANGES, records);
        Set<String> customers = new HashSet<>();
        records.keySet().forEach(k -> customers.add(k.substring("pages/".length())));
        return customers;
    }

    private static List<String> customersOf(Set<String> taskIds) {
        List<String> customers = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().auth().oauth2(KEY).queryParam("limit", 500).queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id", String.class);
            List<String> owners = page.getList("items.customerId", String.class);
            for (int i = 0; i < ids.size(); i++) {
                if (taskIds.contains(ids.get(i))) {
                    customers.add(owners.get(i));
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return customers;
    }
}
