package dev.churnsentinel.platform.ids;

import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;

import java.util.List;
import java.util.regex.Pattern;

/** What a customer id is, wherever one arrives: in a body, a path or a query parameter. */
public final class CustomerIds {
    /** The tenant's own id of the customer: 1-100 letters, digits or {@code . _ : -}. */
    public static final String PATTERN = "[A-Za-z0-9._:\\-]{1,100}";
    public static final String MESSAGE = "must be 1-100 letters, digits or . _ : -";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private CustomerIds() {
    }

    /**
     * The id, when it is one.
     *
     * @throws ProblemException 400 naming {@code field} otherwise
     */
    public static String check(String field, String value) {
        if (value == null || !COMPILED.matcher(value).matches()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(field, MESSAGE)));
        }
        return value;
    }

    public static boolean valid(String value) {
        return value != null && COMPILED.matcher(value).matches();
    }
}
