package dev.churnsentinel.e2e;

import dev.churnsentinel.infra.Postgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A release's database, kept as a file so that a test can start today's services on it: for each schema, the
 * migrations the release had applied (by Flyway version; the migration files never change once released, and the
 * services check their checksums at start) and every row of every table, in PostgreSQL's COPY text format, with each
 * sequence's value.
 *
 * <pre>
 * -- flyway SCHEMA TARGET LOCATION[,LOCATION]   (locations relative to the repository)
 * COPY schema.table (col, ...) FROM stdin;
 * row (tab-separated, COPY text format)
 * \.
 * SELECT pg_catalog.setval('schema.sequence', 42, true);
 * </pre>
 *
 * Made by {@link #main} from a running release ({@code ./sentinel up} of that commit, after some use).
 */
final class UpgradeFixture {
    /** The schemas of a release: each one's Flyway history decides its migrations; their locations as the service has them. */
    record Schema(String name, String target, List<String> locations) {
    }

    private UpgradeFixture() {
    }

    /**
     * Writes the fixture of the database at {@code jdbcUrl} to {@code file}; {@code schemas} name the locations of each
     * (the target is read from the schema's Flyway history).
     * Usage: {@code UpgradeFixture JDBC_URL FILE SCHEMA=LOCATION[,LOCATION] ...}
     */
    public static void main(String[] args) throws Exception {
        List<Schema> schemas = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] parts = args[i].split("=", 2);
            schemas.add(new Schema(parts[0], null, List.of(parts[1].split(","))));
        }
        try (Connection connection = DriverManager.getConnection(args[0], Postgres.USER, Postgres.PASSWORD);
             Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            capture(connection, schemas, out);
        }
    }

    static void capture(Connection connection, List<Schema> schemas, Writer out) throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (Schema schema : schemas) {
            String target = single(connection, "select version from " + schema.name() + ".flyway_schema_history "
                    + "where success and version is not null order by installed_rank desc limit 1");
            out.write("-- flyway " + schema.name() + " " + target + " " + String.join(",", schema.locations()) + "\n");
        }
        for (Schema schema : schemas) {
            for (String table : list(connection, "select table_name from information_schema.tables where table_schema = ? "
                    + "and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history' order by table_name", schema.name())) {
                List<String> columns = list(connection, "select quote_ident(column_name) from information_schema.columns "
                        + "where table_schema = ? and table_name = ? and is_generated = 'NEVER' order by ordinal_position",
                        schema.name(), table);
                String qualified = schema.name() + "." + table;
                String columnList = " (" + String.join(", ", columns) + ")";
                out.write("COPY " + qualified + columnList + " FROM stdin;\n");
                StringWriter rows = new StringWriter();
                copy.copyOut("COPY " + qualified + columnList + " TO STDOUT", rows);
                out.write(rows.toString());
                out.write("\\.\n");
            }
            for (String setval : list(connection, "select format('SELECT pg_catalog.setval(%L, %s, true);', "
                    + "schemaname || '.' || sequencename, last_value) from pg_sequences where schemaname = ? "
                    + "and last_value is not null order by sequencename", schema.name())) {
                out.write(setval + "\n");
            }
        }
    }

    /**
     * Builds the release's database at {@code jdbcUrl}: each schema migrated to the release's version from the
     * repository's migration files under {@code repository}, then its rows and sequences.
     */
    static void load(Path file, Path repository, String jdbcUrl) throws IOException, SQLException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.startsWith("-- flyway ")) {
                String[] parts = line.substring("-- flyway ".length()).split(" ");
                Flyway.configure()
                        .dataSource(jdbcUrl, Postgres.USER, Postgres.PASSWORD)
                        .schemas(parts[0])
                        .locations(java.util.Arrays.stream(parts[2].split(","))
                                .map(location -> "filesystem:" + repository.resolve(location)).toArray(String[]::new))
                        .outOfOrder(true)
                        .target(parts[1])
                        .load().migrate();
            }
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, Postgres.USER, Postgres.PASSWORD)) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (Statement statement = connection.createStatement()) {
                // rows go in table by table, whatever their references: the release wrote them consistent
                statement.execute("set session_replication_role = replica");
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.startsWith("COPY ")) {
                        StringBuilder rows = new StringBuilder();
                        while (!lines.get(++i).equals("\\.")) {
                            rows.append(lines.get(i)).append('\n');
                        }
                        copy.copyIn(line.substring(0, line.length() - 1), new BufferedReader(new StringReader(rows.toString())));
                    } else if (line.startsWith("SELECT ")) {
                        statement.execute(line);
                    }
                }
                statement.execute("set session_replication_role = origin");
            }
            connection.commit();
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static List<String> list(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
