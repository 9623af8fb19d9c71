package dev.churnsentinel.textsignal.api;

import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.proto.signals.v1.RiskCategory;
import dev.churnsentinel.proto.signals.v1.TextSignals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A tenant's own phrases, from a file in the tenant lexicon directory ({@code target/tenant-lexicons} in tests,
 * looked at every 0.2 s): applied without a restart, to that tenant only, over REST and gRPC; a broken file keeps
 * the last good lexicon and is reported by readiness.
 */
@QuarkusTest
class TenantLexiconTest {
    static final Path DIRECTORY = Path.of("target/tenant-lexicons");
    static final Path ACME = DIRECTORY.resolve("acme.tsv");
    static final String TEXT = "我们打算明年改买蔚来，特斯拉也在看。";

    @GrpcClient("textsignals")
    TextSignals client;

    @AfterEach
    void removeFile() throws IOException {
        Files.deleteIfExists(ACME);
    }

    @Test
    void aTenantsOwnPhrasesApplyWithoutARestartToThatTenantOnly() throws IOException {
        assertEquals(List.of(), competitors("k-test-acme"));

        write("version\tacme-3\nRISK\t蔚来\tCOMPETITOR\nRISK\t特斯拉\tCOMPETITOR\n");
        List<String> found = eventually(() -> competitors("k-test-acme"), List.of("蔚来", "特斯拉"));
        assertEquals(List.of("蔚来", "特斯拉"), found);
        JsonPath analysis = analyze("k-test-acme", TEXT);
        assertEquals(8, analysis.getInt("riskKeywords[0].start"));
        assertTrue(analysis.getBoolean("highRisk"));
        assertEquals(List.of(), competitors("k-test-read"), "tenant demo does not get acme's phrases");

        AnalyzeResponse overGrpc = client.analyze(AnalyzeRequest.newBuilder().setId("g").setTenant("acme").setText(TEXT)
                .build()).await().atMost(Duration.ofSeconds(10));
        assertEquals(RiskCategory.COMPETITOR, overGrpc.getRiskKeywords(0).getCategory());
        assertEquals("v4+acme:acme-3", overGrpc.getLexiconVersion());
        AnalyzeResponse otherTenant = client.analyze(AnalyzeRequest.newBuilder().setId("g").setTenant("demo").setText(TEXT)
                .build()).await().atMost(Duration.ofSeconds(10));
        assertEquals(0, otherTenant.getRiskKeywordsCount());

        // a broken edit: acme keeps its last good lexicon, readiness says why
        write("version\tacme-4\nRISK\t蔚来\tCOMPETITORS\n");
        String error = eventually(() -> given().get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                .getString("checks.find { it.name == 'lexicon' }.data.'tenantError.acme'"), null, true);
        assertTrue(error.contains("COMPETITORS") && error.contains("line 2"), error);
        assertEquals(List.of("蔚来", "特斯拉"), competitors("k-test-acme"));

        // the file removed: back to the base lexicon
        Files.delete(ACME);
        eventually(() -> competitors("k-test-acme"), List.of());
    }

    private static void write(String content) throws IOException {
        Files.createDirectories(DIRECTORY);
        Files.writeString(ACME, content, StandardCharsets.UTF_8);
        // a new modification time even when two writes fall in the same file-system tick
        Files.setLastModifiedTime(ACME, FileTime.from(Instant.now().plusMillis(System.nanoTime() % 1000)));
    }

    private static JsonPath analyze(String key, String text) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"text\": \"" + text + "\"}").post("/api/v1/analyze").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> competitors(String key) {
        return analyze(key, TEXT).getList("riskKeywords.findAll { it.category == 'COMPETITOR' }.term");
    }

    private static <T> T eventually(Supplier<T> probe, T expected) {
        return eventually(probe, expected, false);
    }

    /** Polls for up to 5 s until the probe gives {@code expected} (or, with {@code anyNonNull}, anything). */
    private static <T> T eventually(Supplier<T> probe, T expected, boolean anyNonNull) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (anyNonNull ? last != null : java.util.Objects.equals(last, expected)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("still " + last + " after 5 s, expected " + (anyNonNull ? "a value" : expected));
        return last;
    }
}
