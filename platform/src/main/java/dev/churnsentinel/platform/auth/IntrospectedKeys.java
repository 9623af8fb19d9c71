package dev.churnsentinel.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The keys made through the API, as ingestion-service (which keeps them) answers for them: {@code POST
 * /internal/v1/api-keys/introspect} with the SHA-256 of the presented key (never the key), authenticated with a service
 * key. Without {@code sentinel.auth.introspection.url} a service knows only the keys of {@code SENTINEL_API_KEYS}.
 */
@DefaultBean
@ApplicationScoped
public class IntrospectedKeys implements StoredKeys {
    /** The header that carries the calling service's key. */
    public static final String SERVICE_KEY_HEADER = "X-Sentinel-Service-Key";
    public static final String PATH = "/internal/v1/api-keys/introspect";

    private final Optional<URI> endpoint;
    private final String serviceKey;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public IntrospectedKeys(@ConfigProperty(name = "sentinel.auth.introspection.url") Optional<String> url,
                            @ConfigProperty(name = "sentinel.auth.introspection.key") Optional<String> serviceKey,
                            ObjectMapper json) {
        this.endpoint = url.map(u -> URI.create(u.replaceAll("/+$", "") + PATH));
        this.serviceKey = serviceKey.orElse("");
        this.json = json;
    }

    @Override
    public Uni<Optional<StoredKey>> find(byte[] sha256) {
        if (endpoint.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint.get()).timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/json").header(SERVICE_KEY_HEADER, serviceKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sha256\":\"" + HexFormat.of().formatHex(sha256) + "\"}"))
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(this::answer);
    }

    private Optional<StoredKey> answer(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("key introspection answered HTTP " + response.statusCode());
        }
        try {
            return read(json.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an introspection answer, as {@link #write} writes it. */
    static Optional<StoredKey> read(JsonNode answer) {
        if (!answer.path("active").asBoolean(false)) {
            return Optional.empty();
        }
        Set<String> roles = new HashSet<>();
        answer.path("roles").forEach(role -> roles.add(role.asText()));
        JsonNode expires = answer.path("expiresAt");
        return Optional.of(new StoredKey(UUID.fromString(answer.path("id").asText()), answer.path("tenant").asText(),
                answer.path("name").asText(), answer.path("prefix").asText(), roles,
                expires.isTextual() ? Instant.parse(expires.asText()) : null));
    }

    /** The introspection answer for a key (empty: unknown, revoked or expired). */
    public static JsonNode write(ObjectMapper json, Optional<StoredKey> key) {
        var answer = json.createObjectNode().put("active", key.isPresent());
        key.ifPresent(k -> {
            answer.put("id", k.id().toString()).put("tenant", k.tenant()).put("name", k.name()).put("prefix", k.prefix());
            k.roles().stream().sorted().forEach(answer.putArray("roles")::add);
            if (k.expiresAt() != null) {
                answer.put("expiresAt", k.expiresAt().toString());
            }
        });
        return answer;
    }
}
