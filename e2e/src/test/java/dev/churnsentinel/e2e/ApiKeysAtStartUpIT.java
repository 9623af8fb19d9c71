package dev.churnsentinel.e2e;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.ServiceProcess;
import org.junit.jupiter.api.Test;

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
 * text-signal without the keys its gRPC callers must present.
 */
class ApiKeysAtStartUpIT {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aPlainKeyInProdStopsTheServiceAtStartUp() throws Exception {
        Path log = Files.createTempFile("plain-key-in-prod", ".log");
        try (ServiceProcess service = ServiceProcess.start(REPOSITORY, "text-signal-service", Infrastructure.freePort(),
                Map.of("quarkus.profile", "prod", "sentinel.api-keys", "k-plain-123:demo:read",
                        "sentinel.text-signal.caller-keys", "caller-key-0123456789"), List.of("-Xmx256m"), log)) {
            assertThrows(java.io.IOException.class, () -> ServiceProcess.awaitReady(List.of(service), Duration.ofSeconds(60)));
        }
        String output = Files.readString(log);
        assertTrue(output.contains("plain keys are refused in prod"), output);
        assertTrue(!output.contains("k-plain-123"), "the key itself never reaches the log");
        Files.deleteIfExists(log);
    }

    @Test
    void textSignalInProdDoesNotStartWithoutCallerKeys() throws Exception {
        Path log = Files.createTempFile("no-caller-keys-in-prod", ".log");
        try (ServiceProcess service = ServiceProcess.start(REPOSITORY, "text-signal-service", Infrastructure.freePort(),
                Map.of("quarkus.profile", "prod"), List.of("-Xmx256m"), log)) {
            assertThrows(java.io.IOException.class, () -> ServiceProcess.awaitReady(List.of(service), Duration.ofSeconds(60)));
        }
        String output = Files.readString(log);
        assertTrue(output.contains("SENTINEL_TEXT_SIGNAL_CALLER_KEYS) is empty"), output);
        Files.deleteIfExists(log);
    }

    @Test
    void aHashedKeyInProdIsAccepted() throws Exception {
        String hex = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("k-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path log = Files.createTempFile("hashed-key-in-prod", ".log");
        int port = Infrastructure.freePort();
        try (ServiceProcess service = ServiceProcess.start(REPOSITORY, "text-signal-service", port,
                Map.of("quarkus.profile", "prod", "sentinel.api-keys", "sha256:" + hex + ":demo:read",
                        "sentinel.text-signal.caller-keys", "sha256:" + hex), List.of("-Xmx256m"), log)) {
            ServiceProcess.awaitReady(List.of(service), Duration.ofSeconds(60));
            var http = java.net.http.HttpClient.newHttpClient();
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url() + "/api/v1/analyze"))
                    .header("Authorization", "Bearer k-secret").header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": \"我要退款\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() == 200 && answer.body().contains("\"highRisk\":true"), answer.body());
        }
        // prod logs are JSON lines, one object per line, for the cluster's log pipeline
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("\"loggerName\"")).toList();
        assertTrue(!lines.isEmpty() && lines.stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")),
                String.join("\n", Files.readAllLines(log)));
        Files.deleteIfExists(log);
    }
}
