package dev.churnsentinel.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller) running in this JVM.
 * Kafka's server classes are internal API that moves between releases: this is the only class that touches them.
 */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final int port;

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats the log directory on first use (keeping it on later starts) and starts the broker.
     * The controller listens on {@code controllerPort}, clients connect to {@code port}.
     */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort) throws IOException {
        return start(logDirectory, port, controllerPort, new Properties());
    }

    /**
     * Starts a broker (as {@link #start}) whose clients must sign in with SASL/PLAIN as one of {@code users}
     * (name to password); {@link #plainLogin} gives a client's {@code sasl.jaas.config}.
     */
    public static KafkaBroker startWithPlainSasl(Path logDirectory, int port, int controllerPort, Map<String, String> users)
            throws IOException {
        String brokerPassword = Uuid.randomUuid().toString();
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\"")
                .append(brokerPassword).append("\" user_broker=\"").append(brokerPassword).append('"');
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        Properties sasl = new Properties();
        sasl.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        sasl.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        sasl.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        sasl.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        sasl.put("sasl.enabled.mechanisms", "PLAIN");
        sasl.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        sasl.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
        return start(logDirectory, port, controllerPort, sasl);
    }

    /** A client's {@code sasl.jaas.config} for signing in to a SASL/PLAIN broker. */
    public static String plainLogin(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static KafkaBroker start(Path logDirectory, int port, int controllerPort, Properties overrides) throws IOException {
        Files.createDirectories(logDirectory);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDirectory.toAbsolutePath().toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.retention.hours", "168");
        props.putAll(overrides);
        format(logDirectory, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, port);
    }

    private static void format(Path logDirectory, Properties props) throws IOException {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return; // formatted on an earlier start: keep the cluster and its topics
        }
        Path config = logDirectory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by Churn Sentinel's infra module");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IOException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return bootstrapServers(port);
    }

    static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
