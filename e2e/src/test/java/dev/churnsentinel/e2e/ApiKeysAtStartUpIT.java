package dev.churnsentinel.e2e;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The credentials rules that only a real start can show: in prod a plain API key stops the service, and so does
 * text-signal without the keys its gRPC callers must present. The three services start side by side, each test
 * looks at its own.
 */
class ApiKeysAtStartUpIT {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final String HASH = sha256("k-secret");
    static Started plainKey;
    static Started noCallerKeys;
    static Started hashedKey;

    /** A text-signal-service started in prod with {@code config}, and its log. */
    record Started(ServiceProcess service, Path log) {
        static Started with(String name, Map<String, String> config) throws Exception {
            Path log = Files.createTempFile(name, ".log");
            return new Started(ServiceProcess.start(REPOSITORY, "text-signal-service", Infrastructure.freePort(),
                    config, List.of("-Xmx256m"), log), log);
        }

        String output() throws Exception {
            return Files.readString(log);
        }
    }

    @BeforeAll
    static void startAllThree() throws Exception {
        plainKey = Started.with("plain-key-in-prod", Map.of("quarkus.profile", "prod", "sentinel.api-keys",
                "k-plain-123:demo:read", "sentinel.text-signal.caller-keys", "caller-key-0123456789"));
        noCallerKeys = Started.with("no-caller-keys-in-prod", Map.of("quarkus.profile", "prod"));
        hashedKey = Started.with("hashed-key-in-prod", Map.of("quarkus.profile", "prod", "sentinel.api-keys",
                "sha256:" + HASH + ":demo:read", "sentinel.text-signal.caller-keys", "sha256:" + HASH));
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Started started : new Started[] {plainKey, noCallerKeys, hashedKey}) {
            if (started != null) {
                started.service().close();
                Files.deleteIfExists(started.log());
            }
        }
    }

    @Test
    void aPlainKeyInProdStopsTheServiceAtStartUp() throws Exception {
        assertThrows(java.io.IOException.class,
                () -> ServiceProcess.awaitReady(List.of(plainKey.service()), Duration.ofSeconds(60)));
        String output = plainKey.output();
        assertTrue(output.contains("plain keys are refused in prod"), output);
        assertTrue(!output.contains("k-plain-123"), "the key itself never reaches the log");
    }

    @Test
    void textSignalInProdDoesNotStartWithoutCallerKeys() throws Exception {
        assertThrows(java.io.IOException.class,
                () -> ServiceProcess.awaitReady(List.of(noCallerKeys.service()), Duration.ofSeconds(60)));
        String output = noCallerKeys.output();
        assertTrue(output.contains("SENTINEL_TEXT_SIGNAL_CALLER_KEYS) is empty"), output);
    }

    @Test
    void aHashedKeyInProdIsAccepted() throws Exception {
        ServiceProcess service = hashedKey.service();
        ServiceProcess.awaitReady(List.of(service), Duration.ofSeconds(60));
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/analyze"))
                .header("Authorization", "Bearer k-secret").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": \"我要退款\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() == 200 && answer.body().contains("\"highRisk\":true"), answer.body());
        service.close();
        // prod logs are JSON lines, one object per line, for the cluster's log pipeline
        List<String> lines = Files.readAllLines(hashedKey.log()).stream()
                .filter(l -> l.contains("\"loggerName\"")).toList();
        assertTrue(!lines.isEmpty() && lines.stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")),
                String.join("\n", Files.readAllLines(hashedKey.log())));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
