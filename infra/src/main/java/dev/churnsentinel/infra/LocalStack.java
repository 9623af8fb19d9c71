package dev.churnsentinel.infra;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on one machine: PostgreSQL, Kafka and SMTP in this JVM, the four services as child
 * processes. {@code ./sentinel up} runs {@link #main}; the end-to-end test starts it in-process.
 */
public final class LocalStack implements AutoCloseable {

    /** A service of the stack: its module folder (where its runnable jar is built) and HTTP port. */
    public record Service(String name, int port) {
        Path jar(Path repository) {
            return repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** How to run the stack: where state and logs go, which ports, which API keys, which JVM options. */
    public record Options(Path home, Path repository, Infrastructure.Ports infraPorts, List<Service> services,
                          String apiKeys, List<String> jvmOptions, Duration readyTimeout) {
        public static Options defaults(Path home, Path repository, String apiKeys) {
            return new Options(home, repository, new Infrastructure.Ports(15432, 19092, 19093, 2525),
                    servicesFrom(8081), apiKeys,
                    List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    Duration.ofSeconds(180));
        }

        /** The four services on consecutive ports: ingestion, scoring, intervention, text-signal. */
        public static List<Service> servicesFrom(int firstPort) {
            return List.of(new Service("ingestion-service", firstPort),
                    new Service("scoring-service", firstPort + 1),
                    new Service("intervention-service", firstPort + 2),
                    new Service("text-signal-service", firstPort + 3));
        }
    }

    private final Options options;
    private final Infrastructure infrastructure;
    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private final Thread mailLog;

    private LocalStack(Options options, Infrastructure infrastructure) {
        this.options = options;
        this.infrastructure = infrastructure;
        this.mailLog = new Thread(this::copyMailToLog, "sentinel-mail-log");
        this.mailLog.setDaemon(true);
    }

    /** Starts everything and returns once every service reports ready; throws (having stopped all) if not. */
    public static LocalStack start(Options options) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(options.home().resolve("logs"));
        Files.createDirectories(options.home().resolve("data"));
        for (Service service : options.services()) {
            if (!Files.isRegularFile(service.jar(options.repository()))) {
                throw new IOException(service.jar(options.repository()) + " is missing: build first (./mvnw package)");
            }
        }
        Infrastructure infrastructure = Infrastructure.start(options.home().resolve("data"), options.infraPorts());
        LocalStack stack = new LocalStack(options, infrastructure);
        try {
            stack.mailLog.start();
            for (Service service : options.services()) {
                stack.launch(service, logs.resolve(service.name() + ".log"));
            }
            stack.awaitReady();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public String url(String serviceName) {
        return options.services().stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName)).url();
    }

    private void launch(Service service, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options.jvmOptions());
        command.add("-jar");
        command.add(service.jar(options.repository()).toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.put("quarkus.http.port", String.valueOf(service.port()));
        config.put("quarkus.grpc.clients.textsignals.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.textsignals.port", String.valueOf(port("text-signal-service")));
        config.put("sentinel.api-keys", options.apiKeys());
        config.forEach((key, value) -> env.put(environmentName(key), value));
        processes.put(service, builder.start());
    }

    private int port(String serviceName) {
        return options.services().stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .map(Service::port).orElse(0);
    }

    /** Quarkus maps environment variables to properties: upper case, every other character becomes '_'. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(options.readyTimeout());
        List<Service> waiting = new ArrayList<>(options.services());
        while (!waiting.isEmpty()) {
            for (Service service : List.copyOf(waiting)) {
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new IOException(service.name() + " exited with code " + process.exitValue()
                            + ", see " + options.home().resolve("logs/" + service.name() + ".log"));
                }
                if (ready(http, service)) {
                    waiting.remove(service);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("not ready within " + options.readyTimeout().toSeconds() + " s: "
                        + waiting.stream().map(Service::name).toList());
            }
            Thread.sleep(250);
        }
    }

    private static boolean ready(HttpClient http, Service service) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Appends every e-mail the local SMTP server receives to logs/mail.log, so a person can read them. */
    private void copyMailToLog() {
        Path log = options.home().resolve("logs/mail.log");
        int copied = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<MimeMessage> received = infrastructure.mail().received();
                for (MimeMessage message : received.subList(copied, received.size())) {
                    Files.writeString(log, render(message), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                copied = received.size();
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | MessagingException | RuntimeException e) {
                System.err.println("mail log: " + e.getMessage());
            }
        }
    }

    private static String render(MimeMessage message) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder("---- ").append(Instant.now()).append('\n');
        Address[] to = message.getAllRecipients();
        text.append("To: ").append(to == null ? "" : List.of(to)).append('\n');
        text.append("Subject: ").append(message.getSubject()).append('\n');
        Object content = message.getContent();
        text.append(content instanceof String body ? body : String.valueOf(content)).append("\n\n");
        return text.toString();
    }

    @Override
    public void close() {
        mailLog.interrupt();
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            infrastructure.close();
        } catch (IOException e) {
            System.err.println("stopping infrastructure: " + e.getMessage());
        }
    }

    /**
     * {@code LocalStack HOME REPOSITORY}: starts the stack, writes HOME/run/state (STARTING, READY or FAILED
     * with the reason), then runs until stopped (SIGTERM), when it stops the services and the infrastructure.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LocalStack HOME REPOSITORY");
            System.exit(2);
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path home = Path.of(args[0]).toAbsolutePath();
        Path state = Files.createDirectories(home.resolve("run")).resolve("state");
        Files.writeString(state, "STARTING\n");
        String apiKeys = System.getenv().getOrDefault("SENTINEL_API_KEYS",
                System.getProperty("sentinel.api-keys", ""));
        if (apiKeys.isBlank()) {
            System.err.println("SENTINEL_API_KEYS is not set");
            Files.writeString(state, "FAILED SENTINEL_API_KEYS is not set\n");
            System.exit(2);
        }
        Options options = Options.defaults(home, Path.of(args[1]).toAbsolutePath(), apiKeys);
        LocalStack stack;
        try {
            stack = start(options);
        } catch (Exception e) {
            Files.writeString(state, "FAILED " + e.getMessage() + "\n");
            System.err.println("stack did not come up: " + e.getMessage());
            System.exit(1);
            return;
        }
        Thread stopper = new Thread(() -> {
            stack.close();
            try {
                Files.writeString(state, "STOPPED\n");
            } catch (IOException ignored) {
                // nothing left to tell
            }
        }, "sentinel-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        StringBuilder ready = new StringBuilder("READY\n");
        options.services().forEach(s -> ready.append(s.name()).append(' ').append(s.url()).append('\n'));
        Files.writeString(state, ready.toString());
        System.out.println("stack ready");
        Thread.currentThread().join();
    }
}
