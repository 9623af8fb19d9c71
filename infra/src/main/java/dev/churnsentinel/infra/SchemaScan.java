package dev.churnsentinel.infra;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * For erasure tests: every column of the given schemas, of the given data types, that holds a string in some row — the
 * proof that a customer's words, name or e-mail are nowhere left. Byte columns ({@code bytea}) are searched for the
 * string's UTF-8 bytes, the others as text.
 */
public final class SchemaScan {
    /** Text, character and JSON columns. */
    public static final Set<String> TEXT = Set.of("text", "character varying", "character", "json", "jsonb");
    /** {@link #TEXT} and {@code bytea} (an outbox's payloads). */
    public static final Set<String> TEXT_AND_BYTES = Set.of("text", "character varying", "character", "json", "jsonb",
            "bytea");

    /** A column holding a needle. */
    public record Found(String schema, String table, String column, String needle) {
        @Override
        public String toString() {
            return schema + "." + table + "." + column + " holds " + needle;
        }
    }

    private SchemaScan() {
    }

    /** The columns of {@code schemas} of {@code types} and the needles each holds, in column order. */
    public static List<Found> holding(Connection connection, Collection<String> schemas, Set<String> types,
                                      Collection<String> needles) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select table_schema, table_name, column_name, "
                + "data_type from information_schema.columns where table_schema = any (?) and data_type = any (?) "
                + "order by table_schema, table_name, ordinal_position")) {
            select.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            select.setArray(2, connection.createArrayOf("text", types.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("no columns of " + types + " in " + schemas);
        }
        List<Found> found = new ArrayList<>();
        for (String[] column : columns) {
            boolean bytes = column[3].equals("bytea");
            try (PreparedStatement count = connection.prepareStatement("select count(*) from \"" + column[0] + "\".\""
                    + column[1] + "\" where position(? in \"" + column[2] + "\"" + (bytes ? "" : "::text") + ") > 0")) {
                for (String needle : needles) {
                    if (bytes) {
                        count.setBytes(1, needle.getBytes(StandardCharsets.UTF_8));
                    } else {
                        count.setString(1, needle);
                    }
                    try (ResultSet row = count.executeQuery()) {
                        row.next();
                        if (row.getLong(1) > 0) {
                            found.add(new Found(column[0], column[1], column[2], needle));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** How many columns of {@code schemas} are of {@code types}: a scan that looks at too few looks at nothing. */
    public static int columns(Connection connection, Collection<String> schemas, Set<String> types) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select count(*) from information_schema.columns "
                + "where table_schema = any (?) and data_type = any (?)")) {
            select.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            select.setArray(2, connection.createArrayOf("text", types.toArray()));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
