package dev.churnsentinel.platform.api;

import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Query parameter values read strictly: a value that is not what the parameter takes is a 400 naming the parameter
 * and what it takes, never ignored. Every method answers null for an absent or blank value.
 */
public final class QueryValues {

    private QueryValues() {
    }

    /** A comma-separated list of {@code allowed} values (case-insensitive), upper-cased, in the order given. */
    public static Set<String> anyOf(String field, String value, Collection<String> allowed) {
        if (blank(value)) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String one = part.trim().toUpperCase(Locale.ROOT);
            if (!allowed.contains(one)) {
                throw invalid(field, "must be a comma-separated list of " + new TreeSet<>(allowed));
            }
            values.add(one);
        }
        return values;
    }

    /** {@code true} or {@code false}. */
    public static Boolean bool(String field, String value) {
        if (blank(value)) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(field, "must be true or false");
        };
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Integer integer(String field, String value, int min, int max) {
        if (blank(value)) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(field, "must be a whole number between " + min + " and " + max);
    }

    /** A number from {@code min} to {@code max}. */
    public static Double number(String field, String value, double min, double max) {
        if (blank(value)) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(field, "must be a number between " + fmt(min) + " and " + fmt(max));
    }

    /** An ISO-8601 instant with its offset ({@code 2026-12-01T08:00:00+08:00}), or a date meaning its start in UTC. */
    public static OffsetDateTime time(String field, String value) {
        if (blank(value)) {
            return null;
        }
        String text = value.trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 time with its offset (2026-12-01T08:00:00+08:00) or a date (2026-12-01)");
        }
    }

    /** A UUID. */
    public static UUID uuid(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be a UUID");
        }
    }

    /** Free text of at most {@code max} characters, trimmed. */
    public static String text(String field, String value, int max) {
        if (blank(value)) {
            return null;
        }
        String text = value.trim();
        if (text.length() > max || text.indexOf('\0') >= 0) {
            throw invalid(field, "must be at most " + max + " characters, without NUL");
        }
        return text;
    }

    /** A time range; either end may be open (null). */
    public record Period(OffsetDateTime since, OffsetDateTime before) {
    }

    /**
     * The pair {@code <name>Since} (inclusive) and {@code <name>Before} (exclusive), each a {@link #time}; the end
     * must come after the start.
     */
    public static Period period(String name, String since, String before) {
        OffsetDateTime from = time(name + "Since", since);
        OffsetDateTime to = time(name + "Before", before);
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid(name + "Before", "must be after " + name + "Since");
        }
        return new Period(from, to);
    }

    /** The choice a parameter names, exactly as documented ({@code sort=updatedAt}); the default when absent. */
    public static <T> T choice(String field, String value, Map<String, T> choices, String byDefault) {
        if (blank(value)) {
            return choices.get(byDefault);
        }
        T chosen = choices.get(value.trim());
        if (chosen == null) {
            throw invalid(field, "must be one of " + new TreeSet<>(choices.keySet()));
        }
        return chosen;
    }

    public static ProblemException invalid(String field, String message) {
        return ProblemException.invalid(List.of(new Problem.FieldError(field, message)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
