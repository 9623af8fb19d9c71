package dev.churnsentinel.scoring.health;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real text-signal-service, from the jar the build made (in the prod profile, so it lets in only callers with a
 * key), for scoring to call over gRPC with its caller key.
 */
public class TextSignalServiceResource implements QuarkusTestResourceLifecycleManager {
    private static final String CALLER_KEY = "scoring-" + UUID.randomUUID();
    private ServiceProcess textSignal;

    @Override
    public Map<String, String> start() {
        int port = Infrastructure.freePort();
        try {
            textSignal = ServiceProcess.start(Path.of("..").toAbsolutePath().normalize(), "text-signal-service", port,
                    Map.of("sentinel.text-signal.caller-keys", CALLER_KEY), List.of("-Xmx256m"), Path.of("target/text-signal-service.log"));
            ServiceProcess.awaitReady(List.of(textSignal), Duration.ofSeconds(90));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of("sentinel.text-signal.key", CALLER_KEY,
                "quarkus.grpc.clients.textsignals.host", "127.0.0.1",
                "quarkus.grpc.clients.textsignals.port", String.valueOf(port),
                // in test mode Quarkus points gRPC clients at test-port instead of port
                "quarkus.grpc.clients.textsignals.test-port", String.valueOf(port));
    }

    @Override
    public void stop() {
        if (textSignal != null) {
            textSignal.close();
        }
    }
}
