package dev.churnsentinel.infra;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: PostgreSQL, Kafka and SMTP in this JVM, the four services as child
 * processes. {@code ./sentinel up} runs {@link #main}; the end-to-end test starts it in-process. With no services
 * ({@code ./sentinel up --infra-only}) it is the infrastructure alone, for services run with {@code quarkus:dev}.
 */
public final class LocalStack implements AutoCloseable {

    /** A service of the stack: its module folder (where its runnable jar is built) and HTTP port. */
    public record Service(String name, int port) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /**
     * How to run the stack: where state and logs go, which ports, which API keys, which JVM options, where the
     * services' class-data-sharing archives are kept (null: the services run without one), and configuration (Quarkus
     * property names) every service gets on top of the stack's own.
     */
    public record Options(Path home, Path repository, Infrastructure.Ports infraPorts, List<Service> services,
                          String apiKeys, List<String> jvmOptions, Duration readyTimeout, Path classArchives,
                          Map<String, String> config) {
        /** Small and quick to start (C1 only); SENTINEL_JAVA_OPTS replaces the JVM options, e.g. for benchmarks. */
        public static Options defaults(Path home, Path repository, String apiKeys) {
            return new Options(home, repository, new Infrastructure.Ports(15432, 19092, 19093, 2525),
                    servicesFrom(8081), apiKeys,
                    List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    Duration.ofSeconds(180), home.resolve("cds"), Map.of());
        }

        /** The four services on consecutive ports: ingestion, scoring, intervention, text-signal. */
        public static List<Service> servicesFrom(int firstPort) {
            return List.of(new Service("ingestion-service", firstPort),
                    new Service("scoring-service", firstPort + 1),
                    new Service("intervention-service", firstPort + 2),
                    new Service("text-signal-service", firstPort + 3));
        }
    }

    private static final int RECENT_MAIL = 200;

    /** What {@code ./sentinel stop|start|restart|kill} can act on besides the services. */
    public static final List<String> INFRASTRUCTURE = List.of("postgres", "kafka", "smtp");

    private final Options options;
    private final Infrastructure infrastructure;
    private final Map<String, Supervised> services = new LinkedHashMap<>();
    private final Thread mailLog;
    private final Thread supervisor;
    private final Deque<MimeMessage> recentMail = new ArrayDeque<>();
    /** The key with which the services ask ingestion about API keys; new for each stack, never written down. */
    private final String introspectionKey = java.util.HexFormat.of().formatHex(
            random(24));

    private LocalStack(Options options, Infrastructure infrastructure) {
        this.options = options;
        this.infrastructure = infrastructure;
        this.mailLog = new Thread(this::copyMailToLog, "sentinel-mail-log");
        this.mailLog.setDaemon(true);
        this.supervisor = new Thread(this::supervise, "sentinel-supervisor");
        this.supervisor.setDaemon(true);
        Path logs = options.home().resolve("logs");
        for (Service service : options.services()) {
            services.put(service.name(), new Supervised(service.name(),
                    () -> launch(service, logs.resolve(service.name() + ".log")), LocalStack::log));
        }
    }

    /** Starts everything and returns once every service reports ready; throws (having stopped all) if not. */
    public static LocalStack start(Options options) throws IOException, InterruptedException {
        Files.createDirectories(options.home().resolve("logs"));
        Files.createDirectories(options.home().resolve("data"));
        for (Service service : options.services()) {
            Path jar = ServiceProcess.jar(options.repository(), service.name());
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: build first (./mvnw package -DskipTests)");
            }
        }
        Infrastructure infrastructure = Infrastructure.start(options.home().resolve("data"), options.infraPorts());
        LocalStack stack = new LocalStack(options, infrastructure);
        try {
            stack.mailLog.start();
            List<ServiceProcess> started = new ArrayList<>();
            for (Supervised service : stack.services.values()) {
                started.add(service.start());
            }
            ServiceProcess.awaitReady(started, options.readyTimeout());
            stack.supervisor.start();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * Stops one service the way a rolling deploy does (SIGTERM, a graceful shutdown, whatever it was doing) and starts
     * it again; returns once it reports ready.
     */
    public void restart(String serviceName) throws IOException, InterruptedException {
        control(serviceName, "restart");
    }

    /**
     * Acts on a part of the stack, for a drill: {@code stop} (a graceful stop; it stays down until started),
     * {@code start} (returns once it is ready), {@code restart}, and for a service {@code kill} (SIGKILL, as a crash:
     * the supervisor starts it again after its back-off). {@code component} is a service ({@code scoring} or
     * {@code scoring-service}), {@code postgres}, {@code kafka} or {@code smtp}. Returns what was done, for a person.
     */
    public String control(String component, String action) throws IOException, InterruptedException {
        String name = component.trim().toLowerCase(java.util.Locale.ROOT);
        Supervised service = services.get(name.endsWith("-service") ? name : name + "-service");
        if (service == null && !INFRASTRUCTURE.contains(name)) {
            throw new IllegalArgumentException("no component " + component + "; there are " + components());
        }
        Instant began = Instant.now();
        String done = switch (action) {
            case "stop" -> service != null ? service.stop() : stopInfrastructure(name);
            case "start" -> service != null ? service.start(options.readyTimeout()) : startInfrastructure(name, began);
            case "restart" -> service != null
                    ? service.stop() + "; " + service.start(options.readyTimeout())
                    : stopInfrastructure(name) + "; " + startInfrastructure(name, Instant.now());
            case "kill" -> {
                if (service == null) {
                    throw new IllegalArgumentException(name + " runs inside the stack's own JVM: stop it instead");
                }
                yield service.kill();
            }
            default -> throw new IllegalArgumentException("no action " + action + "; there are stop, start, restart, kill");
        };
        log(action + " " + name + ": " + done);
        return done;
    }

    /** Every component's state, one per line. */
    public String status() {
        Instant now = Instant.now();
        StringBuilder text = new StringBuilder();
        services.values().forEach(s -> text.append(s.status(now)).append('\n'));
        text.append("postgres: ").append(infrastructure.postgres() != null ? "running" : "stopped").append('\n');
        text.append("kafka: ").append(infrastructure.kafka() != null ? "running" : "stopped").append('\n');
        text.append("smtp: ").append(infrastructure.mail() != null ? "running" : "stopped").append('\n');
        return text.toString();
    }

    private List<String> components() {
        List<String> names = new ArrayList<>(services.keySet());
        names.addAll(INFRASTRUCTURE);
        return names;
    }

    private String stopInfrastructure(String name) throws IOException {
        switch (name) {
            case "postgres" -> infrastructure.stopPostgres();
            case "kafka" -> infrastructure.stopKafka();
            default -> infrastructure.stopMail();
        }
        return name + " stopped";
    }

    private String startInfrastructure(String name, Instant began) throws IOException {
        switch (name) {
            case "postgres" -> infrastructure.startPostgres();
            case "kafka" -> infrastructure.startKafka();
            default -> infrastructure.startMail();
        }
        return name + " started in " + Supervised.seconds(Duration.between(began, Instant.now()));
    }

    /** Every second: each service that died unasked is noticed, and started again once its back-off has passed. */
    private void supervise() {
        while (!Thread.currentThread().isInterrupted()) {
            for (Supervised service : services.values()) {
                try {
                    service.check(Instant.now());
                } catch (IOException | RuntimeException e) {
                    log("supervising " + service.name() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static byte[] random(int count) {
        byte[] bytes = new byte[count];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public String url(String serviceName) {
        return service(serviceName).orElseThrow(() -> new IllegalArgumentException("no service " + serviceName)).url();
    }

    private java.util.Optional<Service> service(String serviceName) {
        return options.services().stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }

    private ServiceProcess launch(Service service, Path log) throws IOException {
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.put("quarkus.grpc.clients.textsignals.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.textsignals.port", String.valueOf(port("text-signal-service")));
        config.put("quarkus.profile", "local");
        config.put("sentinel.api-keys", options.apiKeys());
        // keys made through /api/v1/admin/keys: ingestion keeps them, the others ask it with the stack's service key
        if (service.name().equals("ingestion-service")) {
            config.put("sentinel.auth.introspection.caller-keys", introspectionKey);
        } else {
            config.put("sentinel.auth.introspection.url", "http://127.0.0.1:" + port("ingestion-service"));
            config.put("sentinel.auth.introspection.key", introspectionKey);
        }
        if (service.name().equals("intervention-service")) {
            // the console: its own address in links, and scoring's API read with a key of each tenant
            config.put("sentinel.intervention.console.base-url", "http://127.0.0.1:" + service.port());
            config.put("quarkus.rest-client.scoring.url", "http://127.0.0.1:" + port("scoring-service"));
            readKeys(options.apiKeys()).forEach((tenant, key) -> config.put("sentinel.intervention.scoring.api-keys." + tenant, key));
        }
        config.putAll(options.config());
        List<String> jvmOptions = new ArrayList<>(options.jvmOptions());
        if (options.classArchives() != null) {
            jvmOptions.addAll(ClassArchive.of(options.classArchives(), options.repository(), service.name(),
                    options.jvmOptions()).jvmOptions());
        }
        return ServiceProcess.start(options.repository(), service.name(), service.port(), config, jvmOptions, log);
    }

    /** The first plain key with the read role of each tenant in a {@code SENTINEL_API_KEYS} setting. */
    static Map<String, String> readKeys(String apiKeys) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String entry : apiKeys.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length == 3 && java.util.Arrays.asList(parts[2].split("\\|")).contains("read")) {
                keys.putIfAbsent(parts[1].trim(), parts[0].trim());
            }
        }
        return keys;
    }

    private int port(String serviceName) {
        return service(serviceName).map(Service::port).orElse(0);
    }

    /** The last {@value #RECENT_MAIL} e-mails the local SMTP server received and the mail log has written, oldest first. */
    public List<MimeMessage> recentMail() {
        synchronized (recentMail) {
            return List.copyOf(recentMail);
        }
    }

    private void keepRecent(MimeMessage message) {
        synchronized (recentMail) {
            if (recentMail.size() == RECENT_MAIL) {
                recentMail.removeFirst();
            }
            recentMail.addLast(message);
        }
    }

    /**
     * Appends every e-mail the local SMTP server receives to logs/mail.log, so a person can read them, and lets the
     * server forget it (only the last few stay, in {@link #recentMail()}), so a storm of e-mails does not fill memory.
     */
    private void copyMailToLog() {
        Path log = options.home().resolve("logs/mail.log");
        while (!Thread.currentThread().isInterrupted()) {
            try {
                MailServer mail = infrastructure.mail();
                for (MimeMessage message : mail == null ? List.<MimeMessage>of() : mail.take()) {
                    keepRecent(message);
                    try {
                        Files.writeString(log, render(message, log.resolveSibling("mail")), StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } catch (IOException | MessagingException | RuntimeException e) {
                        System.err.println("mail log: " + e.getMessage());
                    }
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("mail log: " + e.getMessage());
            }
        }
    }

    /** The message as a person reads it: its text; an HTML part is written to a file of its own in {@code htmlDir}. */
    static String render(MimeMessage message, Path htmlDir) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder("---- ").append(Instant.now()).append('\n');
        Address[] to = message.getAllRecipients();
        text.append("To: ").append(to == null ? "" : List.of(to)).append('\n');
        text.append("Subject: ").append(message.getSubject()).append('\n');
        String[] notification = message.getHeader("X-Sentinel-Notification");
        if (notification != null) {
            text.append("Notification: ").append(notification[0]).append('\n');
        }
        Object content = message.getContent();
        if (content instanceof String body) {
            return text.append(body).append("\n\n").toString();
        }
        String plain = null;
        String html = null;
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            jakarta.mail.BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain") && plain == null) {
                plain = (String) part.getContent();
            } else if (part.isMimeType("text/html") && html == null) {
                html = (String) part.getContent();
            }
        }
        text.append(plain == null ? "(no text part)" : plain).append('\n');
        if (html != null) {
            Files.createDirectories(htmlDir);
            Path file = htmlDir.resolve(Instant.now().toString().replace(':', '-') + ".html");
            Files.writeString(file, html, StandardCharsets.UTF_8);
            text.append("HTML part: ").append(file).append('\n');
        }
        return text.append('\n').toString();
    }

    @Override
    public void close() {
        shutDown(Supervised::stop);
    }

    /**
     * Stops everything at once: the services are killed (SIGKILL) instead of shut down gracefully, then the
     * infrastructure stops. For a test that is done with the stack: nothing waits for the services' consumers to leave
     * their groups or for class archives to be written.
     */
    public void halt() {
        shutDown(Supervised::halt);
    }

    private void shutDown(java.util.function.Consumer<Supervised> stopping) {
        mailLog.interrupt();
        supervisor.interrupt();
        services.values().parallelStream().forEach(stopping);
        try {
            infrastructure.close();
        } catch (IOException e) {
            System.err.println("stopping infrastructure: " + e.getMessage());
        }
    }

    /**
     * {@code LocalStack HOME REPOSITORY [--infra-only]}: starts the stack (with {@code --infra-only} PostgreSQL, Kafka
     * and SMTP alone, on the same ports and data), writes HOME/run/state (STARTING, READY or FAILED with the reason),
     * then runs until stopped (SIGTERM), when it stops the services and the infrastructure.
     */
    public static void main(String[] args) throws Exception {
        boolean infraOnly = args.length == 3 && args[2].equals("--infra-only");
        if (args.length != 2 && !infraOnly) {
            System.err.println("usage: LocalStack HOME REPOSITORY [--infra-only]");
            System.exit(2);
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path home = Path.of(args[0]).toAbsolutePath();
        Path state = Files.createDirectories(home.resolve("run")).resolve("state");
        Files.writeString(state, "STARTING\n");
        String apiKeys = System.getenv().getOrDefault("SENTINEL_API_KEYS",
                System.getProperty("sentinel.api-keys", ""));
        if (apiKeys.isBlank() && !infraOnly) {
            System.err.println("SENTINEL_API_KEYS is not set");
            Files.writeString(state, "FAILED SENTINEL_API_KEYS is not set\n");
            System.exit(2);
        }
        Options defaults = Options.defaults(home, Path.of(args[1]).toAbsolutePath(), apiKeys);
        String javaOptions = System.getenv().getOrDefault("SENTINEL_JAVA_OPTS", "").trim();
        Options options = new Options(defaults.home(), defaults.repository(), defaults.infraPorts(),
                infraOnly ? List.of() : defaults.services(), defaults.apiKeys(),
                javaOptions.isEmpty() ? defaults.jvmOptions() : List.of(javaOptions.split("\\s+")),
                defaults.readyTimeout(), defaults.classArchives(), defaults.config());
        LocalStack stack;
        try {
            stack = start(options);
        } catch (Exception e) {
            Files.writeString(state, "FAILED " + e.getMessage() + "\n");
            System.err.println("stack did not come up: " + e.getMessage());
            System.exit(1);
            return;
        }
        StackControl control = StackControl.start(stack, home.resolve("run/control"));
        Thread stopper = new Thread(() -> {
            control.close();
            stack.close();
            try {
                Files.writeString(state, "STOPPED\n");
            } catch (IOException ignored) {
                // nothing left to tell
            }
        }, "sentinel-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        StringBuilder ready = new StringBuilder("READY\n");
        if (infraOnly) {
            ready.append("infra-only\n");
        }
        options.services().forEach(s -> ready.append(s.name()).append(' ').append(s.url()).append('\n'));
        Files.writeString(state, ready.toString());
        System.out.println("stack ready");
        Thread.currentThread().join();
    }
}
