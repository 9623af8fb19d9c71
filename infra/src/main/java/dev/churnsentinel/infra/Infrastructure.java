package dev.churnsentinel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything the services need around them: PostgreSQL, Kafka and an SMTP server, started together.
 * The local stack and every test start their infrastructure through this one class.
 */
public final class Infrastructure implements AutoCloseable {
    private volatile Postgres postgres;
    private volatile KafkaBroker kafka;
    private volatile MailServer mail;
    private final Path postgresDirectory;
    private final Path kafkaDirectory;
    private final Ports ports;
    /** A temporary folder this instance made and removes when closed; null when the caller chose the home. */
    private final Path temporary;

    private Infrastructure(Postgres postgres, KafkaBroker kafka, MailServer mail, Path temporary, Path root, Ports ports) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.mail = mail;
        this.temporary = temporary;
        this.postgresDirectory = root.resolve("postgres");
        this.kafkaDirectory = root.resolve("kafka");
        this.ports = new Ports(postgres.port(), ports.kafka(), ports.kafkaController(), mail.port());
    }

    /** Ports of the three servers; 0 picks a free one. */
    public record Ports(int postgres, int kafka, int kafkaController, int smtp) {
        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort());
        }
    }

    /**
     * Starts all three, keeping data under {@code home} (a temporary folder when null). PostgreSQL and Kafka start side
     * by side: neither needs the other, and each takes seconds.
     */
    public static Infrastructure start(Path home, Ports ports) throws IOException {
        Path root = home != null ? home : Files.createTempDirectory("sentinel-infra");
        CompletableFuture<KafkaBroker> kafka = new CompletableFuture<>();
        Thread kafkaStart = new Thread(() -> {
            try {
                kafka.complete(KafkaBroker.start(root.resolve("kafka"), ports.kafka(), ports.kafkaController()));
            } catch (Throwable e) {
                kafka.completeExceptionally(e);
            }
        }, "sentinel-kafka-start");
        kafkaStart.start();
        Postgres postgres;
        try {
            postgres = Postgres.start(root.resolve("postgres"), ports.postgres());
        } catch (IOException | RuntimeException e) {
            kafka.thenAccept(KafkaBroker::close);
            throw e;
        }
        KafkaBroker broker = null;
        try {
            broker = started(kafka);
            MailServer mail = MailServer.start(ports.smtp());
            return new Infrastructure(postgres, broker, mail, home != null ? null : root, root, ports);
        } catch (IOException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            postgres.close();
            throw e;
        }
    }

    /** The broker once it has started; what stopped it from starting, as it was thrown. */
    private static KafkaBroker started(CompletableFuture<KafkaBroker> kafka) throws IOException {
        try {
            return kafka.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    public Postgres postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The SMTP server, or null while it is stopped. */
    public MailServer mail() {
        return mail;
    }

    /** Stops PostgreSQL (a fast shutdown: open transactions roll back, its data stays), for an outage drill. */
    public synchronized void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Starts PostgreSQL again on the same port and data. */
    public synchronized void startPostgres() throws IOException {
        if (postgres == null) {
            postgres = Postgres.start(postgresDirectory, ports.postgres());
        }
    }

    /** Stops the SMTP server: the services' e-mails fail and are retried until it is back. */
    public synchronized void stopMail() {
        if (mail != null) {
            mail.close();
            mail = null;
        }
    }

    /** Starts the SMTP server again on the same port. */
    public synchronized void startMail() {
        if (mail == null) {
            mail = MailServer.start(ports.smtp());
        }
    }

    /** Stops the Kafka broker (its data stays), to show what the system does during an outage. */
    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** Starts the broker again on the same ports and data. */
    public synchronized void startKafka() throws IOException {
        if (kafka == null) {
            kafka = KafkaBroker.start(kafkaDirectory, ports.kafka(), ports.kafkaController());
        }
    }

    /** The Quarkus configuration that points a service at this infrastructure. */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", Postgres.reactiveUrl(ports.postgres()));
        config.put("quarkus.datasource.jdbc.url", Postgres.jdbcUrl(ports.postgres()));
        config.put("quarkus.datasource.username", Postgres.USER);
        config.put("quarkus.datasource.password", Postgres.PASSWORD);
        config.put("kafka.bootstrap.servers", KafkaBroker.bootstrapServers(ports.kafka()));
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(ports.smtp()));
        return config;
    }

    @Override
    public void close() throws IOException {
        try {
            stopMail();
            stopKafka();
        } finally {
            stopPostgres();
            if (temporary != null) {
                deleteRecursively(temporary);
            }
        }
    }

    /** Deletes a folder and everything in it. */
    public static void deleteRecursively(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
