package dev.churnsentinel.textsignal.api;

import dev.churnsentinel.proto.signals.v1.AnalyzeBatch;
import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.proto.signals.v1.AnalyzedBatch;
import dev.churnsentinel.proto.signals.v1.RiskCategory;
import dev.churnsentinel.proto.signals.v1.TextSignals;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TextSignalServiceTest {

    @GrpcClient("textsignals")
    TextSignals client;

    @Test
    void grpcAnalyzeFindsTheCancellationWithItsOffsets() {
        AnalyzeResponse response = client.analyze(AnalyzeRequest.newBuilder().setId("f-1")
                .setText("合同到期我们就解约，不想再续了。").build()).await().atMost(Duration.ofSeconds(10));
        assertEquals("f-1", response.getId());
        assertTrue(response.getHighRisk());
        assertEquals(RiskCategory.CANCELLATION, response.getRiskKeywords(0).getCategory());
        assertEquals(7, response.getRiskKeywords(0).getStart());
        assertEquals(9, response.getRiskKeywords(0).getEnd());
        assertEquals("v4", response.getLexiconVersion());
        io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("sentinel_signals_total{category=\"CANCELLATION\",negated=\"false\"}"));
    }

    @Test
    void grpcCarriesARiskInferredFromASentenceWithoutAPhrase() {
        String text = "服务还行。要是下周还修不好，我们就另找一家了。";
        AnalyzeResponse response = client.analyze(AnalyzeRequest.newBuilder().setId("f-2").setText(text).build())
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(response.getHighRisk());
        assertEquals(1, response.getRiskKeywordsCount(), response.toString());
        var inferred = response.getRiskKeywords(0);
        assertTrue(inferred.getInferred());
        assertEquals(RiskCategory.COMPETITOR, inferred.getCategory());
        assertEquals("要是下周还修不好，我们就另找一家了", inferred.getTerm());
        assertEquals(text.indexOf("要是"), inferred.getStart());
        assertEquals(text.indexOf("。", 5), inferred.getEnd());
        io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("sentinel_signals_inferred_total{category=\"COMPETITOR\"}"));
    }

    @Test
    void grpcStreamAnswersEveryTextAndGoesOnPastABadOne() {
        List<AnalyzeResponse> answers = client.analyzeStream(Multi.createFrom().items(
                        AnalyzeRequest.newBuilder().setId("a").setText("我要退款").build(),
                        AnalyzeRequest.newBuilder().setId("empty").setText("").build(),
                        AnalyzeRequest.newBuilder().setId("b").setText("价格不贵，服务也挺周到的").build()))
                .collect().asList().await().atMost(Duration.ofSeconds(10));
        assertEquals(3, answers.size());
        assertTrue(answers.stream().filter(a -> a.getId().equals("a")).findFirst().orElseThrow().getHighRisk());
        assertTrue(!answers.stream().filter(a -> a.getId().equals("b")).findFirst().orElseThrow().getHighRisk());
        AnalyzeResponse empty = answers.stream().filter(a -> a.getId().equals("empty")).findFirst().orElseThrow();
        assertEquals("text must not be empty", empty.getError());
        assertTrue(answers.stream().filter(a -> !a.getId().equals("empty")).allMatch(a -> a.getError().isEmpty()));
    }

    @Test
    void grpcBatchesAnswerInTheBatchOrder() {
        AnalyzeBatch batch = AnalyzeBatch.newBuilder()
                .addTexts(AnalyzeRequest.newBuilder().setId("1").setText("价格不贵，服务也挺周到的"))
                .addTexts(AnalyzeRequest.newBuilder().setId("2").setText(""))
                .addTexts(AnalyzeRequest.newBuilder().setId("3").setText("不退款我就去12315投诉")).build();
        List<AnalyzedBatch> answers = client.analyzeBatches(Multi.createFrom().items(batch, batch))
                .collect().asList().await().atMost(Duration.ofSeconds(10));
        assertEquals(2, answers.size());
        AnalyzedBatch first = answers.get(0);
        assertEquals(List.of("1", "2", "3"), first.getResultsList().stream().map(AnalyzeResponse::getId).toList());
        assertTrue(!first.getResults(0).getHighRisk());
        assertEquals("text must not be empty", first.getResults(1).getError());
        assertTrue(first.getResults(2).getHighRisk());
        assertEquals(RiskCategory.REFUND, first.getResults(2).getRiskKeywords(0).getCategory());
    }

    @Test
    void grpcRefusesEmptyText() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.analyze(
                AnalyzeRequest.newBuilder().setId("x").setText(" ").build()).await().atMost(Duration.ofSeconds(10)));
        assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void restMirrorAnswersInTheContractShape() {
        given().auth().oauth2("k-test-read").contentType("application/json")
                .body("{\"text\": \"服务态度恶劣，我要投诉到12315\"}")
                .when().post("/api/v1/analyze")
                .then().statusCode(200)
                .body("highRisk", equalTo(true))
                .body("sentiment.label", equalTo("NEGATIVE"))
                .body("riskKeywords[0].category", equalTo("POOR_SERVICE"))
                .body("riskKeywords[0].start", equalTo(2))
                .body("riskKeywords[1].category", equalTo("ESCALATION"));
    }

    @Test
    void restBatchNamesTheInvalidItem() {
        given().auth().oauth2("k-test-read").contentType("application/json")
                .body("{\"texts\": [{\"id\": \"1\", \"text\": \"很好\"}, {\"id\": \"2\", \"text\": \"\"}]}")
                .when().post("/api/v1/analyze/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("texts[1].text"));
    }

    @Test
    void restRefusesTextThatIsNotValidUnicodeAndUnknownParameters() {
        given().auth().oauth2("k-test-read").contentType("application/json")
                .body("{\"text\": \"我要退\\uD800款\"}")
                .when().post("/api/v1/analyze")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("text"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("lone UTF-16 surrogate"));
        given().auth().oauth2("k-test-read").contentType("application/json").body("{\"text\": \"好\"}")
                .when().post("/api/v1/analyze?verbose=true")
                .then().statusCode(400).body("errors[0].field", equalTo("verbose"));
    }

    @Test
    void restRefusesMissingAndWrongCredentials() {
        given().contentType("application/json").body("{\"text\": \"好\"}")
                .when().post("/api/v1/analyze")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("not-a-key").contentType("application/json").body("{\"text\": \"好\"}")
                .when().post("/api/v1/analyze")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("k-test-ingest").contentType("application/json").body("{\"text\": \"好\"}")
                .when().post("/api/v1/analyze")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void readinessReportsTheLexicon() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'lexicon' }.status", equalTo("UP"));
    }
}
