package dev.churnsentinel.e2e;

import dev.churnsentinel.infra.Infrastructure;
import dev.churnsentinel.infra.LocalStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The whole system as {@code ./sentinel up} runs it, on free ports and in a folder of its own, for one test class. */
final class E2eStack {
    private E2eStack() {
    }

    /** Starts it in {@code home} with {@code apiKeys} (a {@code SENTINEL_API_KEYS} setting); returns once all are ready. */
    static LocalStack start(Path home, String apiKeys) throws IOException, InterruptedException {
        List<LocalStack.Service> services = List.of(
                new LocalStack.Service("ingestion-service", Infrastructure.freePort()),
                new LocalStack.Service("scoring-service", Infrastructure.freePort()),
                new LocalStack.Service("intervention-service", Infrastructure.freePort()),
                new LocalStack.Service("text-signal-service", Infrastructure.freePort()));
        LocalStack.Options defaults = LocalStack.Options.defaults(home, Path.of("..").toAbsolutePath().normalize(), apiKeys);
        return LocalStack.start(new LocalStack.Options(home, defaults.repository(), Infrastructure.Ports.free(),
                services, defaults.apiKeys(), defaults.jvmOptions(), defaults.readyTimeout()));
    }

    /** Stops it and removes its folder. */
    static void stop(LocalStack stack, Path home) throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (home != null && Files.exists(home)) {
            Infrastructure.deleteRecursively(home);
        }
    }
}
