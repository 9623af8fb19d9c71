package dev.churnsentinel.ingestion.intake;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * The table of one kind of item and its own columns (besides id, tenant, external_id, customer_id and received_at,
 * which every kind has), each with its type and how an item's value is read: the one place their order is stated.
 * The store's statement for the kind, its arrays and each item's values all follow this list.
 *
 * @param <T> the kind's item
 */
public final class ItemTable<T> {

    /**
     * One column: its name, its PostgreSQL type, the Java type of its values, the cast its value takes into the table
     * (empty for none), and how an item's value is read.
     */
    public record Column<T>(String name, String type, Class<?> javaType, String cast, Function<T, ?> value) {

        public static <T> Column<T> text(String name, Function<T, String> value) {
            return new Column<>(name, "text", String.class, "", value);
        }

        public static <T> Column<T> timestamp(String name, Function<T, OffsetDateTime> value) {
            return new Column<>(name, "timestamptz", OffsetDateTime.class, "", value);
        }

        public static <T> Column<T> integer(String name, Function<T, Integer> value) {
            return new Column<>(name, "int", Integer.class, "", value);
        }

        public static <T> Column<T> numeric(String name, Function<T, BigDecimal> value) {
            return new Column<>(name, "numeric", BigDecimal.class, "", value);
        }

        /** A jsonb column, its value sent as JSON text. */
        public static <T> Column<T> json(String name, Function<T, String> value) {
            return new Column<>(name, "text", String.class, "::jsonb", value);
        }
    }

    private final Intake.Kind kind;
    private final List<Column<T>> columns;
    /** The statement that stores items of this kind ({@link IntakeStore}), built once. */
    private final String statement;

    @SafeVarargs
    public ItemTable(Intake.Kind kind, Column<T>... columns) {
        this.kind = kind;
        this.columns = List.of(columns);
        this.statement = IntakeStore.statement(kind.table(), this.columns);
    }

    public Intake.Kind kind() {
        return kind;
    }

    List<Column<T>> columns() {
        return columns;
    }

    String statement() {
        return statement;
    }

    /** The item's value of each column, in the columns' order. */
    Object[] values(T item) {
        Object[] values = new Object[columns.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = columns.get(c).value().apply(item);
        }
        return values;
    }
}
