package dev.churnsentinel.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the system running from its built jar as a child process, configured through the
 * environment the way Quarkus reads it. The local stack runs all four this way; a service's tests run a
 * real sibling (scoring's tests run the real text-signal-service) the same way.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The runnable jar of a service module, as {@code ./mvnw package} builds it. */
    public static Path jar(Path repository, String name) {
        return repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Starts {@code name} on {@code port} with {@code config} (Quarkus property names); does not wait. */
    public static ServiceProcess start(Path repository, String name, int port, Map<String, String> config,
                                       List<String> jvmOptions, Path log) throws IOException {
        Path jar = jar(repository, name);
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build it first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        config.forEach((key, value) -> env.put(environmentName(key), value));
        env.put(environmentName("quarkus.http.port"), String.valueOf(port));
        return new ServiceProcess(name, port, builder.start(), log);
    }

    /** Quarkus maps environment variables to properties: upper case, every other character becomes '_'. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits for every service to answer 200 on /q/health/ready; fails fast when one exits. */
    public static void awaitReady(List<ServiceProcess> services, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.process.isAlive()) {
                    throw new IOException(service.name + " exited with code " + service.process.exitValue()
                            + ", see " + service.log);
                }
                if (service.ready()) {
                    waiting.remove(service);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("not ready within " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(ServiceProcess::name).toList() + ", see their logs");
            }
            Thread.sleep(250);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The exit code, once it has exited. */
    public int exitCode() {
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process at once (SIGKILL), as a crash or the kernel's OOM killer would; waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Whether it answers 200 on /q/health/ready now. */
    public boolean ready() throws InterruptedException {
        try {
            return HTTP.send(health("ready", Duration.ofSeconds(2)), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Why its liveness check ({@code /q/health/live}) fails now: an answer other than 200 (a failed consumer channel,
     * say), or none within 5 s from a listening port (lenient: two busy cores can keep a healthy service from answering
     * for a second or two); null when it passes or nothing listens yet (a service opens its port once started).
     */
    public String livenessFailure() throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(health("live", Duration.ofSeconds(5)),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return null;
            }
            String body = response.body().replaceAll("\\s+", " ");
            return response.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        } catch (HttpTimeoutException hung) {
            return "no answer within 5 s";
        } catch (IOException notListening) {
            return null;
        }
    }

    /** A GET of its health check {@code check} ({@code ready}, {@code live}), given up after {@code timeout}. */
    private HttpRequest health(String check, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url() + "/q/health/" + check)).timeout(timeout).build();
    }

    /** Asks the service to stop (SIGTERM, a graceful Quarkus shutdown), forcing it after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
