package dev.churnsentinel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the services need around them: PostgreSQL, Kafka and an SMTP server, started together.
 * The local stack and every test start their infrastructure through this one class.
 */
public final class Infrastructure implements AutoCloseable {
    private final Postgres postgres;
    private volatile KafkaBroker kafka;
    private final MailServer mail;
    private final Path kafkaDirectory;
    private final Ports ports;
    /** A temporary folder this instance made and removes when closed; null when the caller chose the home. */
    private final Path temporary;

    private Infrastructure(Postgres postgres, KafkaBroker kafka, MailServer mail, Path temporary, Path kafkaDirectory,
                           Ports ports) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.mail = mail;
        this.temporary = temporary;
        this.kafkaDirectory = kafkaDirectory;
        this.ports = ports;
    }

    /** Ports of the three servers; 0 picks a free one. */
    public record Ports(int postgres, int kafka, int kafkaController, int smtp) {
        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort());
        }
    }

    /** Starts all three, keeping data under {@code home} (a temporary folder when null). */
    public static Infrastructure start(Path home, Ports ports) throws IOException {
        Path root = home != null ? home : Files.createTempDirectory("sentinel-infra");
        Postgres postgres = Postgres.start(home != null ? root.resolve("postgres") : null, ports.postgres());
        try {
            KafkaBroker kafka = KafkaBroker.start(root.resolve("kafka"), ports.kafka(), ports.kafkaController());
            MailServer mail = MailServer.start(ports.smtp());
            return new Infrastructure(postgres, kafka, mail, home != null ? null : root, root.resolve("kafka"), ports);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public Postgres postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MailServer mail() {
        return mail;
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
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", Postgres.USER);
        config.put("quarkus.datasource.password", Postgres.PASSWORD);
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(mail.port()));
        return config;
    }

    @Override
    public void close() throws IOException {
        try {
            mail.close();
            stopKafka();
        } finally {
            postgres.close();
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
