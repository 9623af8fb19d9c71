package dev.churnsentinel.intervention.integration;

import dev.churnsentinel.platform.api.QueryValues;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where this service may post: an absolute HTTPS address with a host; plain HTTP only where
 * {@code sentinel.intervention.subscriptions.allow-plain-http} allows it (receivers on a private network, local stacks).
 * Integrators' subscriptions and a tenant's chat robots are held to the same rule.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /** The address, trimmed; else a 400 naming {@code field}. */
    public static String endpoint(String field, String url, boolean allowPlainHttp) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw QueryValues.invalid(field, "must be an absolute https:// address");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) && allowPlainHttp;
        if (!(https || http) || uri.getHost() == null || uri.getHost().isBlank()) {
            throw QueryValues.invalid(field, allowPlainHttp
                    ? "must be an absolute https:// or http:// address" : "must be an absolute https:// address");
        }
        return uri.toString();
    }
}
