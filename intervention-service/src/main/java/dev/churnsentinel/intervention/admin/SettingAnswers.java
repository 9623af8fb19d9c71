package dev.churnsentinel.intervention.admin;

import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.SortedMap;
import java.util.function.BiFunction;

/**
 * How the administration API answers of a tenant's settings in two layers
 * ({@link dev.churnsentinel.intervention.TenantSettings}): alike for webhooks by name and default contacts by role.
 */
public final class SettingAnswers {
    private SettingAnswers() {
    }

    /** A setting as saved, and whether its key was new to the tenant. */
    public record Saved<V>(boolean created, V view) {
    }

    /** Every setting, in key order, as the API shows it. */
    static <T, V> List<V> views(SortedMap<String, Sourced<T>> all, BiFunction<String, Sourced<T>, V> view) {
        return all.entrySet().stream().map(e -> view.apply(e.getKey(), e.getValue())).toList();
    }

    /** The setting of that key; else 404 naming {@code what}. */
    static <T> Sourced<T> existing(SortedMap<String, Sourced<T>> all, String key, String what) {
        Sourced<T> setting = all.get(key);
        if (setting == null) {
            throw ProblemException.notFound(what);
        }
        return setting;
    }

    /** 201 with the view when the key is new to the tenant, else 200. */
    static Response put(Saved<?> saved) {
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK).entity(saved.view()).build();
    }

    /**
     * Done when the API's setting was removed; else 409 when configuration holds one of that key (an operator removes
     * it there), 404 when neither does.
     */
    static <T> Uni<Void> deleted(Uni<Boolean> removed, Uni<SortedMap<String, Sourced<T>>> all, String key, String what) {
        return removed.flatMap(deleted -> deleted ? Uni.createFrom().voidItem()
                : all.map(settings -> {
                    existing(settings, key, what);
                    throw new ProblemException(409, "Set in configuration", what + " comes from configuration: an "
                            + "operator removes it there (a PUT here overrides it)");
                }));
    }
}
