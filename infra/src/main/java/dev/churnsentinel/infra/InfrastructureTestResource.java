package dev.churnsentinel.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts real PostgreSQL, Kafka and SMTP once per test JVM and points the service under test at them.
 * Shared by every test class of a module, so Quarkus boots once; stopped when the JVM exits.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {
    private static Infrastructure shared;

    public static synchronized Infrastructure shared() {
        if (shared == null) {
            try {
                shared = Infrastructure.start(null, Infrastructure.Ports.free());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Infrastructure started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary data goes with it
                }
            }, "sentinel-infra-shutdown"));
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        return shared().serviceConfig();
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM; the shutdown hook stops it
    }
}
