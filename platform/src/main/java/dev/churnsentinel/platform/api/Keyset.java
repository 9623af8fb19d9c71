package dev.churnsentinel.platform.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A list's order as keyset paging needs it: columns whose last one is unique, so that "after this item" is a
 * predicate on the sort key rather than an offset, and a page stays right while rows are inserted before it.
 *
 * @param name    the sort as the API calls it ({@code dueAt}, {@code updatedAt} ...)
 * @param columns the sort key, most significant first
 */
public record Keyset<T>(String name, List<Column<T>> columns) {

    /** How a key value is written in a cursor and read back as a query parameter. */
    public enum Type {
        TIME, UUID, TEXT, INTEGER, NUMBER, DECIMAL
    }

    /**
     * One column of the sort key.
     *
     * @param expression the query language's expression (a field, or e.g. {@code coalesce(annualValue, -1)})
     * @param value      the item's value of that expression; never null (coalesce a nullable column)
     */
    public record Column<T>(String expression, boolean descending, Type type, Function<T, Object> value) {

        public static <T> Column<T> asc(String expression, Type type, Function<T, Object> value) {
            return new Column<>(expression, false, type, value);
        }

        public static <T> Column<T> desc(String expression, Type type, Function<T, Object> value) {
            return new Column<>(expression, true, type, value);
        }
    }

    @SafeVarargs
    public static <T> Keyset<T> of(String name, Column<T>... columns) {
        return new Keyset<>(name, List.of(columns));
    }

    /** The {@code order by} list, without the keywords. */
    public String orderBy() {
        List<String> parts = new ArrayList<>();
        columns.forEach(c -> parts.add(c.expression() + (c.descending() ? " desc" : " asc")));
        return String.join(", ", parts);
    }

    /** The item's sort key, as a cursor holds it. */
    public List<String> position(T item) {
        return columns.stream().map(c -> String.valueOf(c.value().apply(item))).toList();
    }

    /**
     * The predicate "comes after {@code position}" ({@code (a > :k0 or (a = :k0 and b > :k1))}), its parameters put
     * into {@code parameters} as {@code k0, k1, ...}.
     */
    public String after(List<String> position, Map<String, Object> parameters) {
        if (position.size() != columns.size()) {
            throw new IllegalArgumentException("a position of " + position.size() + " values for " + columns.size() + " columns");
        }
        StringBuilder predicate = new StringBuilder();
        for (int i = columns.size() - 1; i >= 0; i--) {
            Column<T> column = columns.get(i);
            String parameter = "k" + i;
            parameters.put(parameter, read(column.type(), position.get(i)));
            String beyond = column.expression() + (column.descending() ? " < :" : " > :") + parameter;
            predicate = predicate.isEmpty() ? new StringBuilder(beyond)
                    : new StringBuilder("(" + beyond + " or (" + column.expression() + " = :" + parameter + " and " + predicate + "))");
        }
        return predicate.toString();
    }

    private static Object read(Type type, String value) {
        return switch (type) {
            case TIME -> OffsetDateTime.parse(value);
            case UUID -> java.util.UUID.fromString(value);
            case TEXT -> value;
            case INTEGER -> Long.parseLong(value);
            case NUMBER -> Double.parseDouble(value);
            case DECIMAL -> new BigDecimal(value);
        };
    }
}
