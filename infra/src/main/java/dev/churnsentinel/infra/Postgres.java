package dev.churnsentinel.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real PostgreSQL server (zonky's binaries), on loopback. Works as root: zonky runs the server in a user
 * namespace. Its data directory survives a stop, so the server can be started again on it.
 */
public final class Postgres implements AutoCloseable {
    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";
    /** The server trusts loopback connections; drivers still want a password to send. */
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server on {@code dataDirectory}: made (initdb) on first use, kept as it is on later starts. */
    public static Postgres start(Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                // the defaults (128 MB of buffers, a checkpoint every 1 GB of WAL) made a checkpoint every half minute
                // under load, and half of all WAL written was full-page images of pages written again after it
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "15min")
                // look for tables to vacuum every 10 s, not every minute: the outbox queues and scoring's customer rows
                // gather tens of thousands of dead rows a second under load
                .setServerConfig("autovacuum_naptime", "10s");
        extraSettings(System.getenv("SENTINEL_POSTGRES_SETTINGS")).forEach(builder::setServerConfig);
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        return new Postgres(builder.start());
    }

    /**
     * Server settings beyond the built-in ones, as {@code name=value} pairs separated by spaces (for a benchmark, say
     * {@code shared_preload_libraries=pg_stat_statements}); none when {@code settings} is null or blank.
     */
    static Map<String, String> extraSettings(String settings) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (settings == null || settings.isBlank()) {
            return parsed;
        }
        for (String pair : settings.trim().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("SENTINEL_POSTGRES_SETTINGS: '" + pair + "' is not name=value");
            }
            parsed.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return parsed;
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return jdbcUrl(port());
    }

    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    static String reactiveUrl(int port) {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
