package dev.churnsentinel.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.function.Function;

/**
 * How every list is answered: {@code {"items": [...], "nextCursor": "…" or null, "total": n}}. {@code total} counts
 * everything the filter matches, not only this page; it is left out when the caller asked for
 * {@code includeTotal=false}.
 */
public record Items<T>(List<T> items, String nextCursor, @JsonInclude(JsonInclude.Include.NON_NULL) Long total) {

    /** A complete list, in one page. */
    public static <T> Items<T> of(List<T> items) {
        return new Items<>(items, null, (long) items.size());
    }

    /** The same page with each item turned into what the API shows. */
    public <R> Items<R> map(Function<? super T, ? extends R> view) {
        return new Items<>(items.stream().<R>map(view).toList(), nextCursor, total);
    }
}
