package dev.churnsentinel.intervention;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tenant's settings by key (a webhook by name, a default contact by role) in two layers: those its administrators
 * set through the API, and configuration's, the bootstrap, which count only for the keys the API has not set.
 */
public final class TenantSettings {
    /** Set through the API (stored in the database). */
    public static final String API = "api";
    /** From configuration: read-only here. */
    public static final String CONFIG = "config";

    private TenantSettings() {
    }

    /** One setting and the layer it comes from ({@link #API} or {@link #CONFIG}). */
    public record Sourced<T>(T value, String source) {
        public boolean fromApi() {
            return API.equals(source);
        }
    }

    /** Every key of either layer, in key order; the API's entry wherever both have one. */
    public static <T> SortedMap<String, Sourced<T>> merge(Map<String, ? extends T> api, Map<String, ? extends T> config) {
        SortedMap<String, Sourced<T>> merged = new TreeMap<>();
        config.forEach((key, value) -> merged.put(key, new Sourced<>(value, CONFIG)));
        api.forEach((key, value) -> merged.put(key, new Sourced<>(value, API)));
        return Collections.unmodifiableSortedMap(merged);
    }

    /** The settings themselves, in key order, whichever layer they come from. */
    public static <T> Map<String, T> values(Map<String, Sourced<T>> merged) {
        Map<String, T> values = new LinkedHashMap<>();
        merged.forEach((key, sourced) -> values.put(key, sourced.value()));
        return values;
    }
}
