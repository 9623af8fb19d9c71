package dev.churnsentinel.ingestion;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class BatchAndIdempotencyTest {

    @Test
    void eachItemOfABatchIsAcceptedDuplicateOrRejectedOnItsOwn() {
        String customer = "C-" + UUID.randomUUID();
        String repeated = "b-" + UUID.randomUUID();
        String body = "[" + String.join(",",
                item(repeated, customer, "\"nps\": 9"),
                item("b-" + UUID.randomUUID(), customer, "\"nps\": 11"),
                item(repeated, customer, "\"nps\": 9"),
                "{\"externalId\": \"b-x\", \"customerId\": \"" + customer + "\", \"channel\": \"CHAT\", "
                        + "\"occurredAt\": \"2026-03-01T10:00:00+08:00\", \"nps\": \"nine\"}",
                item("b-" + UUID.randomUUID(), customer, "\"text\": \"服务很好👍\", \"colour\": \"red\""),
                item("b-" + UUID.randomUUID(), customer, "\"text\": \"师傅很专业😊\"")) + "]";
        given().auth().oauth2("k-ingest").contentType("application/json").body(body)
                .when().post("/api/v1/feedback/batch")
                .then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("rejected", hasSize(3))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].errors[0].field", equalTo("nps"))
                .body("rejected[1].index", equalTo(3))
                .body("rejected[1].errors[0].field", equalTo("nps"))
                .body("rejected[1].errors[0].message", equalTo("must be a number"))
                .body("rejected[2].index", equalTo(4))
                .body("rejected[2].errors[0].field", equalTo("colour"))
                .body("rejected[2].errors[0].message", equalTo("unknown field"))
                .body("results.index", equalTo(List.of(0, 2, 5)))
                .body("results[1].duplicate", equalTo(true));

        List<IngestRecord> records = IngestionApiTest.recordsFor("demo/" + customer, 2);
        assertEquals(Set.of("", "师傅很专业😊"), records.stream().map(r -> r.getFeedback().getText()).collect(Collectors.toSet()));
    }

    /** A full batch crosses four relay batches (300 each in tests): one customer's items reach Kafka in the order they came. */
    @Test
    void aCustomersItemsReachKafkaInTheOrderTheyCame() {
        String customer = "C-" + UUID.randomUUID();
        List<String> sent = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            String externalId = "o-" + UUID.randomUUID();
            sent.add(externalId);
            body.append(i == 0 ? "" : ",").append(item(externalId, customer, "\"nps\": " + (i % 11)));
        }
        given().auth().oauth2("k-ingest").contentType("application/json").body(body.append("]").toString())
                .when().post("/api/v1/feedback/batch").then().statusCode(200).body("accepted", equalTo(1000));
        String last = "o-" + UUID.randomUUID();
        sent.add(last);
        given().auth().oauth2("k-ingest").contentType("application/json").body(item(last, customer, "\"nps\": 3"))
                .when().post("/api/v1/feedback").then().statusCode(202);

        List<String> arrived = IngestionApiTest.recordsFor("demo/" + customer, sent.size()).stream()
                .map(r -> r.getFeedback().getExternalId()).toList();
        int outOfPlace = IntStream.range(0, sent.size()).filter(i -> !sent.get(i).equals(arrived.get(i))).findFirst().orElse(-1);
        assertEquals(-1, outOfPlace, "the first item out of place");
        assertEquals(sent.size(), arrived.size());
    }

    /** A customer first seen in feedback gets a bare profile, whether others in the batch are known already or not. */
    @Test
    void everyCustomerFirstSeenInABatchGetsABareProfile() {
        String known = "C-" + UUID.randomUUID();
        String fresh = "C-" + UUID.randomUUID();
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("[" + item("k-" + UUID.randomUUID(), known, "\"nps\": 8") + "]")
                .when().post("/api/v1/feedback/batch").then().statusCode(200).body("accepted", equalTo(1));
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body("[" + item("k-" + UUID.randomUUID(), known, "\"nps\": 7") + ","
                        + item("f-" + UUID.randomUUID(), fresh, "\"nps\": 6") + "]")
                .when().post("/api/v1/feedback/batch").then().statusCode(200).body("accepted", equalTo(2));
        for (String customer : List.of(known, fresh)) {
            given().auth().oauth2("k-ingest").contentType("application/json").body("{\"name\": \"王女士\"}")
                    .when().put("/api/v1/customers/" + customer)
                    .then().statusCode(200).body("created", equalTo(false));
        }
    }

    @Test
    void batchesAreBoundedAndMustBeArrays() {
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i <= 1000; i++) {
            big.append(i == 0 ? "" : ",").append(item("big-" + i, "C1", "\"nps\": 9"));
        }
        given().auth().oauth2("k-ingest").contentType("application/json").body(big.append("]").toString())
                .when().post("/api/v1/feedback/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", equalTo("must hold at most 1000 items, not 1001"));
        given().auth().oauth2("k-ingest").contentType("application/json").body("[]")
                .when().post("/api/v1/events/batch").then().statusCode(400);
        given().auth().oauth2("k-ingest").contentType("application/json").body("{\"externalId\": \"x\"}")
                .when().post("/api/v1/events/batch").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void eventBatchesApplyTheAttributeRules() {
        String customer = "C-" + UUID.randomUUID();
        String body = """
                [{"externalId": "e-%1$s-1", "customerId": "%2$s", "type": "SERVICE_VISIT", "occurredAt": "2026-02-20T09:30:00+08:00",
                  "amount": 680, "attributes": {"addOnsOffered": 2, "addOnsAccepted": 3}},
                 {"externalId": "e-%1$s-2", "customerId": "%2$s", "type": "TICKET_RESOLVED", "occurredAt": "2026-02-21T09:30:00+08:00",
                  "attributes": {"resolutionSatisfaction": 4}}]""".formatted(UUID.randomUUID(), customer);
        given().auth().oauth2("k-ingest").contentType("application/json").body(body)
                .when().post("/api/v1/events/batch")
                .then().statusCode(200).body("accepted", equalTo(1))
                .body("rejected[0].errors[0].field", equalTo("attributes.addOnsAccepted"));
    }

    @Test
    void concurrentRetriesOfOneItemAreAcceptedExactlyOnce() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        String body = item("race-" + UUID.randomUUID(), customer, "\"text\": \"我要退款\"");
        List<Response> responses = postAtOnce(Collections.nCopies(8, body));
        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 202).count(), "exactly one first receipt");
        assertEquals(7, responses.stream().filter(r -> r.statusCode() == 200).count());
        assertEquals(1, responses.stream().map(r -> r.jsonPath().getString("id")).distinct().count(), "one id for all");
        assertEquals(1, IngestionApiTest.recordsFor("demo/" + customer, 1).size());
    }

    /**
     * Single items sent at once share statements (at most four of them run, the rest go together in the next): eight
     * items, each sent three times at once, are eight first receipts and sixteen duplicates naming the same ids, and
     * eight records on Kafka — whichever requests went together.
     */
    @Test
    void singleItemsSentAtOnceAreEachAnsweredForThemselves() throws Exception {
        String customer = "C-" + UUID.randomUUID();
        List<String> bodies = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (int i = 0; i < 8; i++) {
                bodies.add(item("many-" + customer + "-" + i, customer, "\"nps\": " + i));
            }
        }
        List<Response> responses = postAtOnce(bodies);
        assertEquals(8, responses.stream().filter(r -> r.statusCode() == 202).count(), "one first receipt per item");
        assertEquals(16, responses.stream().filter(r -> r.statusCode() == 200).count());
        for (int i = 0; i < 8; i++) {
            int item = i;
            assertEquals(1, IntStream.range(0, bodies.size()).filter(c -> c % 8 == item)
                    .mapToObj(c -> responses.get(c).jsonPath().getString("id")).distinct().count(), "one id for item " + i);
        }
        List<IngestRecord> records = IngestionApiTest.recordsFor("demo/" + customer, 8);
        assertEquals(8, records.size());
        assertEquals(8, records.stream().map(r -> r.getFeedback().getExternalId()).distinct().count());
    }

    /** Each body as its own single-item request, all sent at once; the answers in the bodies' order. */
    private static List<Response> postAtOnce(List<String> bodies) throws Exception {
        List<Callable<Response>> calls = bodies.stream().<Callable<Response>>map(body -> () -> given().auth().oauth2("k-ingest")
                .contentType("application/json").body(body).when().post("/api/v1/feedback")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void unknownFieldsOfSingleItemsAreNamed() {
        given().auth().oauth2("k-ingest").contentType("application/json")
                .body(item("u-" + UUID.randomUUID(), "C1", "\"nps\": 9, \"score\": 9"))
                .when().post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("score")).body("errors[0].message", equalTo("unknown field"));
    }

    static String item(String externalId, String customer, String signal) {
        return """
                {"externalId": "%s", "customerId": "%s", "channel": "SURVEY", "occurredAt": "2026-03-01T10:00:00+08:00", %s}"""
                .formatted(externalId, customer, signal);
    }
}
