package dev.churnsentinel.platform.api;

import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;

import java.util.List;

/** How every list is answered: {@code {"items": [...], "total": n}}. */
public record Items<T>(List<T> items, int total) {

    public static <T> Items<T> of(List<T> items) {
        return new Items<>(items, items.size());
    }

    /** Checks a {@code limit} query parameter: 1 to {@code max}, else 400 naming the field. */
    public static int limit(int requested, int max) {
        if (requested < 1 || requested > max) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("limit", "must be between 1 and " + max)));
        }
        return requested;
    }
}
