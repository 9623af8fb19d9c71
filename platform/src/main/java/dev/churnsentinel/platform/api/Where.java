package dev.churnsentinel.platform.api;

import java.util.Collection;
import java.util.Map;

/**
 * A query's where clause built from a list's filters, each adding its condition and named parameter only when the
 * filter is given (null adds nothing); conditions are joined with {@code and}.
 */
public final class Where {
    private final StringBuilder clause = new StringBuilder();
    private final Map<String, Object> parameters;

    /** @param parameters where the conditions' parameters go (a keyset position's may already be there) */
    public Where(Map<String, Object> parameters) {
        this.parameters = parameters;
    }

    /** {@code field = :field}. */
    public Where equal(String field, Object value) {
        return value == null ? this : and(field + " = :" + field, field, value);
    }

    /** {@code field in :field}. */
    public Where in(String field, Collection<?> values) {
        return values == null ? this : and(field + " in :" + field, field, values);
    }

    /** {@code field >= :fieldSince} and {@code field < :fieldBefore}, for the ends the period has. */
    public Where between(String field, QueryValues.Period period) {
        if (period.since() != null) {
            and(field + " >= :" + field + "Since", field + "Since", period.since());
        }
        return period.before() == null ? this : and(field + " < :" + field + "Before", field + "Before", period.before());
    }

    /** {@code field operator :parameter}, such as {@code riskScore >= :minScore}. */
    public Where compare(String field, String operator, String parameter, Object value) {
        return value == null ? this : and(field + " " + operator + " :" + parameter, parameter, value);
    }

    /** A condition of the caller's own, with one parameter. */
    public Where and(String condition, String parameter, Object value) {
        parameters.put(parameter, value);
        return and(condition);
    }

    /** A condition of the caller's own, whose parameters the caller puts into the map. */
    public Where and(String condition) {
        if (!clause.isEmpty()) {
            clause.append(" and ");
        }
        clause.append(condition);
        return this;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return clause.toString();
    }
}
