package dev.churnsentinel.ingestion.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.auth.IntrospectedKeys;
import dev.churnsentinel.platform.auth.ServiceKeys;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * How the other services learn of the keys made through the API: they send the SHA-256 of a key they were shown
 * (never the key) with their own service key, one of {@code sentinel.auth.introspection.caller-keys}.
 */
@Path(IntrospectedKeys.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class IntrospectionResource {
    private final ApiKeyStore store;
    private final ServiceKeys callers;
    private final ObjectMapper json;

    public IntrospectionResource(ApiKeyStore store, ObjectMapper json,
                                 @ConfigProperty(name = "sentinel.auth.introspection.caller-keys") Optional<List<String>> callers) {
        this.store = store;
        this.json = json;
        this.callers = ServiceKeys.parse("sentinel.auth.introspection.caller-keys", callers.orElse(List.of()));
    }

    /** The request: the SHA-256 of the presented key, in hex. */
    public record Introspection(String sha256) {
    }

    @POST
    @Operation(hidden = true)
    public Uni<JsonNode> introspect(@HeaderParam(IntrospectedKeys.SERVICE_KEY_HEADER) String serviceKey, Introspection request) {
        if (!callers.accepts(serviceKey)) {
            throw new ProblemException(403, "Forbidden", "only the services, with a key of sentinel.auth.introspection.caller-keys");
        }
        byte[] sha256;
        try {
            sha256 = HexFormat.of().parseHex(request == null || request.sha256() == null ? "" : request.sha256());
        } catch (IllegalArgumentException e) {
            sha256 = new byte[0];
        }
        if (sha256.length != 32) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("sha256", "must be 64 hex digits")));
        }
        return store.use(sha256, Instant.now()).map(key -> IntrospectedKeys.write(json, key));
    }
}
