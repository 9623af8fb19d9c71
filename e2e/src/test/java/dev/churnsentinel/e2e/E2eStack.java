package dev.churnsentinel.e2e;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.LocalStack;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** The whole system as {@code ./sentinel up} runs it, on free ports and in a folder of its own, for one test class. */
final class E2eStack {
    private E2eStack() {
    }

    /** Starts it in {@code home} with {@code apiKeys} (a {@code SENTINEL_API_KEYS} setting); returns once all are ready. */
    static LocalStack start(Path home, String apiKeys) throws IOException, InterruptedException {
        return start(home, apiKeys, Infrastructure.Ports.free());
    }

    /**
     * As {@link #start(Path, String)}, PostgreSQL, Kafka and SMTP on {@code ports} (data kept in {@code home}/data). The
     * services run without class-data-sharing archives: each stack is new, so an archive would be written at its stop
     * (half a minute of two busy cores) and never read.
     */
    static LocalStack start(Path home, String apiKeys, Infrastructure.Ports ports) throws IOException, InterruptedException {
        return start(home, apiKeys, ports, Map.of());
    }

    /** As {@link #start(Path, String, Infrastructure.Ports)}, every service also given {@code config}. */
    static LocalStack start(Path home, String apiKeys, Infrastructure.Ports ports, Map<String, String> config)
            throws IOException, InterruptedException {
        List<LocalStack.Service> services = List.of(
                new LocalStack.Service("ingestion-service", Infrastructure.freePort()),
                new LocalStack.Service("scoring-service", Infrastructure.freePort()),
                new LocalStack.Service("intervention-service", Infrastructure.freePort()),
                new LocalStack.Service("text-signal-service", Infrastructure.freePort()));
        LocalStack.Options defaults = LocalStack.Options.defaults(home, Path.of("..").toAbsolutePath().normalize(), apiKeys);
        return LocalStack.start(new LocalStack.Options(home, defaults.repository(), ports,
                services, defaults.apiKeys(), defaults.jvmOptions(), defaults.readyTimeout(), null, config));
    }

    /** Polls a GET of {@code stack}'s {@code service}, with {@code key}, until its JSON satisfies {@code until} (60 s at most). */
    static JsonPath await(LocalStack stack, String key, String service, String path, Predicate<JsonPath> until)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            var response = given().baseUri(stack.url(service)).auth().oauth2(key).get(path);
            last = response.statusCode() + " " + response.asString();
            if (response.statusCode() == 200 && until.test(response.jsonPath())) {
                return response.jsonPath();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(service + path + " never matched; last answer: " + last);
    }

    /**
     * Shrinks the tenant's RED windows, in the intervention-service at {@code interventionUrl}, from the default 24 h
     * to resolve and 2 h to acknowledge to {@code due} and {@code acknowledgeWithin}, so that a test sees the SLA
     * clock fire.
     */
    static void shortenRedWindows(String interventionUrl, String key, Duration due, Duration acknowledgeWithin) {
        String defaults = "\"due\":\"PT24H\",\"acknowledgeWithin\":\"PT2H\"";
        String playbooks = given().baseUri(interventionUrl).auth().oauth2(key).get("/api/v1/playbooks")
                .then().statusCode(200).extract().asString();
        if (!playbooks.contains(defaults)) {
            throw new AssertionError("the default RED windows are not in the playbooks: " + playbooks);
        }
        given().baseUri(interventionUrl).auth().oauth2(key).contentType("application/json")
                .body(playbooks.replace(defaults,
                                "\"due\":\"" + due + "\",\"acknowledgeWithin\":\"" + acknowledgeWithin + "\"")
                        .replaceAll("\"version\":\\d+,", ""))
                .put("/api/v1/playbooks").then().statusCode(200);
    }

    /**
     * Stops it, the services killed rather than shut down (the test is done with them), and removes its folder. Its logs
     * are kept in {@code target/e2e-logs} ({@link #keepLogs}).
     */
    static void stop(LocalStack stack, Path home) throws IOException {
        if (stack != null) {
            stack.halt();
        }
        if (home != null && Files.exists(home)) {
            Path logs = home.resolve("logs");
            if (Files.isDirectory(logs)) {
                keepLogs(logs);
            }
            Infrastructure.deleteRecursively(home);
        }
    }

    /** Copies the files of {@code logs} to {@code target/e2e-logs/<name of logs' parent>}, to read when a test failed. */
    static void keepLogs(Path logs) throws IOException {
        Path kept = Path.of("target", "e2e-logs", logs.toAbsolutePath().getParent().getFileName() + "-" + logs.getFileName());
        Files.createDirectories(kept);
        try (var files = Files.list(logs)) {
            for (Path log : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(log)) {
                    Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
