package dev.churnsentinel.scoring.health;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.churnsentinel.scoring.health.ScoringFlowTest.feedback;
import static dev.churnsentinel.scoring.health.ScoringFlowTest.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CRM reads the customers back: at risk, most urgent first, page by page; narrowed by segment, value tier, stage
 * and score; and everything assessed since its last sync.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class CustomerListTest {
    private static final String KEY = "k-roster";

    @Test
    void customersArePagedMostUrgentFirstFilteredAndSynced() {
        OffsetDateTime began = OffsetDateTime.now();
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> red = new ArrayList<>();
        Map<String, BigDecimal> values = new java.util.HashMap<>();
        for (int i = 0; i < 12; i++) {
            String customer = "R-" + run + "-" + i;
            red.add(customer);
            if (i % 4 != 0) { // every fourth has no profile, so no annual value: last among equals
                BigDecimal value = BigDecimal.valueOf(1000L * (i % 3)).setScale(2);
                values.put(customer, value);
                send(profile(customer, i % 2 == 0 ? "fleet" : "retail", i < 6 ? "VIP" : "STANDARD", value));
            }
            send(feedback("roster", customer, OffsetDateTime.now(), "合同到期我们就解约，不想再续了。", null, null));
        }
        for (int i = 0; i < 8; i++) {
            send(profile("G-" + run + "-" + i, "fleet", "LOW", BigDecimal.TEN));
        }
        JsonPath all = await(() -> page("/api/v1/customers?tier=RED&limit=500"), p -> p.getList("items").size() == 12
                && p.getList("items.annualValue").stream().filter(v -> v != null).count() == values.size(), "12 RED customers");

        // most urgent first: risk, then annual value (none last), then id; paged by 5, each once
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = given().auth().oauth2(KEY).queryParam("tier", "RED").queryParam("limit", 5)
                    .queryParam("cursor", cursor == null ? "" : cursor).when().get("/api/v1/customers")
                    .then().statusCode(200).body("total", equalTo(12)).extract().jsonPath();
            paged.addAll(page.getList("items.customerId", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        List<Map<String, Object>> items = all.getList("items");
        List<Map<String, Object>> expected = new ArrayList<>(items);
        expected.sort(Comparator.<Map<String, Object>>comparingDouble(m -> -((Number) m.get("riskScore")).doubleValue())
                .thenComparing(m -> m.get("annualValue") == null ? 1 : -((Number) m.get("annualValue")).doubleValue())
                .thenComparing(m -> (String) m.get("customerId")));
        assertEquals(expected.stream().map(m -> m.get("customerId")).toList(), paged);
        assertEquals(new HashSet<>(red), new HashSet<>(paged));

        // filters
        assertEquals(Set.of(red.get(2), red.get(6), red.get(10)),
                Set.copyOf(page("/api/v1/customers?tier=RED&segment=fleet").getList("items.customerId", String.class)));
        assertEquals(4, page("/api/v1/customers?tier=RED&valueTier=VIP").getLong("total"));
        given().auth().oauth2(KEY).when().get("/api/v1/customers?valueTier=LOW").then().statusCode(200)
                .body("total", equalTo(0)); // the LOW customers are GREEN, and the default leaves GREEN out
        assertEquals(8, page("/api/v1/customers?tier=GREEN&valueTier=low").getLong("total"));
        assertEquals(12, page("/api/v1/customers?stage=DECIDED&minScore=60").getLong("total"));
        assertEquals(0, page("/api/v1/customers?tier=RED&maxScore=50").getLong("total"));

        // a sync: everything assessed since the last one, every tier
        JsonPath sync = page("/api/v1/customers?tier=GREEN,YELLOW,ORANGE,RED&sort=updatedAt&limit=500&updatedSince="
                + began.toInstant());
        assertEquals(20, sync.getLong("total"));
        List<String> times = sync.getList("items.computedAt", String.class);
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!OffsetDateTime.parse(times.get(i)).isBefore(OffsetDateTime.parse(times.get(i - 1))), "in order");
        }

        // refused
        for (String path : List.of("/api/v1/customers/%00/health", "/api/v1/customers/a%20b/health/history",
                "/api/v1/customers/" + "x".repeat(101) + "/health")) {
            given().auth().oauth2(KEY).urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("customerId"))
                    .body("errors[0].message", equalTo("must be 1-100 letters, digits or . _ : -"));
        }
        problem("/api/v1/customers?teir=RED", "teir", "unknown query parameter");
        problem("/api/v1/customers?tier=PURPLE", "tier", "comma-separated list");
        problem("/api/v1/customers?minScore=101", "minScore", "between 0 and 100");
        problem("/api/v1/customers?minScore=80&maxScore=20", "maxScore", "at least minScore");
        problem("/api/v1/customers?sort=value", "sort", "[updatedAt, urgency]");
        String first = page("/api/v1/customers?tier=RED&limit=5").getString("nextCursor");
        given().auth().oauth2("k-roster2").queryParam("cursor", first).when().get("/api/v1/customers?tier=RED&limit=5")
                .then().statusCode(400).body("errors[0].message", equalTo("belongs to another tenant"));
    }

    private static IngestRecord profile(String customer, String segment, String valueTier, BigDecimal value) {
        return IngestRecord.newBuilder().setId(UUID.randomUUID().toString()).setTenant("roster").setCustomerId(customer)
                .setAcceptedAt(OffsetDateTime.now().toString()).setCustomer(CustomerUpserted.newBuilder().setName("客户")
                        .setSegment(segment).setValueTier(valueTier).setAnnualValue(value.doubleValue())).build();
    }

    private static JsonPath page(String path) {
        return given().auth().oauth2(KEY).when().get(path).then().statusCode(200).extract().jsonPath();
    }

    private static void problem(String path, String field, String message) {
        given().auth().oauth2(KEY).when().get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].message", containsString(message));
    }

    private static JsonPath await(java.util.function.Supplier<JsonPath> read, java.util.function.Predicate<JsonPath> until,
                                  String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (until.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(what + " never matched; last: " + (last == null ? null : last.prettify()));
    }
}
