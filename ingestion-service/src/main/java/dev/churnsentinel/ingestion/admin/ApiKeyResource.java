package dev.churnsentinel.ingestion.admin;

import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.auth.Principals;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's API keys, made, listed, rotated and revoked by its administrators. Every service accepts a key made here
 * within seconds, and refuses a revoked one within {@code sentinel.auth.key-cache} (5 s).
 */
@Tag(name = "Administration", description = "A tenant's API keys")
@Path("/api/v1/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ApiKeyResource {
    static final String CREATED = """
            {"id": "0195f3a2-7c41-7d2e-9a51-3f0c2b8e4d17", "name": "crm-sync", "prefix": "csk_7Qm2xK9a",
             "roles": ["ingest", "read"], "status": "ACTIVE", "createdAt": "2026-03-02T09:15:00.123Z",
             "createdBy": "key:ops (csk_Hh3kP0qz)", "key": "csk_7Qm2xK9a_3vT9bLq2Wc8Zr5Yd1Nf6Gh4Jk7Mp0Sx2Ae"}""";

    private final ApiKeyStore store;
    private final SecurityIdentity identity;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyResource(ApiKeyStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    /** A request for a key: who or what will use it, and what it may do. */
    public record KeyRequest(@Schema(description = "who or what uses the key, e.g. crm-sync; at most 100 characters",
                                     examples = "crm-sync") String name,
                             @Schema(description = "any of ingest, read, manage, admin") List<String> roles) {
    }

    /** How long the old key keeps working beside the new one. */
    public record RotateRequest(@Schema(description = "ISO-8601 duration, PT0S to P30D; PT24H when absent",
                                        examples = "PT24H") String overlap) {
    }

    /** A rotation: the new key (shown this once) and the old one, with when it stops. */
    public record Rotation(ApiKeyView created, ApiKeyView previous) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "the key, with the key itself shown this once",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class),
                    examples = @ExampleObject(name = "created", value = CREATED)))
    @APIResponse(responseCode = "400", description = "a blank or long name, no roles or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @Operation(operationId = "createApiKey", summary = "Make an API key for the tenant",
            description = "The answer carries the key itself this once: only its SHA-256 is kept. Every service accepts it "
                    + "within seconds.")
    public Uni<Response> create(@RequestBody(content = @Content(schema = @Schema(implementation = KeyRequest.class),
            examples = @ExampleObject(name = "crmSync", value = "{\"name\": \"crm-sync\", \"roles\": [\"ingest\", \"read\"]}")))
                                KeyRequest request) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("body", "must be {\"name\": …, \"roles\": […]}")));
        }
        List<Problem.FieldError> errors = KeyRules.check(request.name(), request.roles());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ApiKeyStore.New key = newKey(request.name().trim(), List.copyOf(KeyRules.roles(request.roles())));
        return store.create(Tenants.of(identity), key).map(view -> Response.created(location(view))
                .entity(view.withKey(key.key().key())).build());
    }

    @GET
    @APIResponse(responseCode = "200", description = "every key of the tenant, newest first, revoked and expired ones too")
    @Operation(operationId = "listApiKeys", summary = "The tenant's API keys",
            description = "Prefix, name, roles, status, who made it and when, when it was last used (to within seconds), "
                    + "and for rotated or revoked keys when they stop or stopped. Never the keys themselves. The keys of "
                    + "SENTINEL_API_KEYS (an operator's) are not listed.")
    public Uni<Items<ApiKeyView>> list() {
        return store.list(Tenants.of(identity), Instant.now()).map(Items::of);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "the key (never the key itself)")
    @APIResponse(responseCode = "404", description = "the tenant has no key of that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @Operation(operationId = "getApiKey", summary = "One of the tenant's API keys")
    public Uni<ApiKeyView> get(@PathParam("id") String id) {
        return store.find(Tenants.of(identity), uuid(id), Instant.now()).map(found -> found.orElseThrow(() -> unknown(id)));
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "the key, REVOKED (again: the first revocation stays)")
    @APIResponse(responseCode = "404", description = "the tenant has no key of that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Every service refuses the key within sentinel.auth.key-cache (5 s by default).")
    public Uni<ApiKeyView> revoke(@PathParam("id") String id) {
        return store.revoke(Tenants.of(identity), uuid(id), Instant.now(), Principals.by(identity))
                .map(found -> found.orElseThrow(() -> unknown(id)));
    }

    @POST
    @Path("/{id}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "the new key (shown this once) and the old one with its expiresAt",
            content = @Content(schema = @Schema(implementation = Rotation.class)))
    @APIResponse(responseCode = "400", description = "an overlap that is not an ISO-8601 duration from PT0S to P30D",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @APIResponse(responseCode = "404", description = "the tenant has no key of that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @APIResponse(responseCode = "409", description = "the key is revoked or expired: make a new one instead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @Operation(operationId = "rotateApiKey", summary = "Replace an API key without downtime",
            description = "Makes a new key with the same name and roles; the old one keeps working for the overlap "
                    + "(24 h unless the body says {\"overlap\": \"PT2H\"}), time to deploy the new key everywhere.")
    public Uni<Response> rotate(@PathParam("id") String id, RotateRequest request) {
        UUID oldId = uuid(id);
        List<Problem.FieldError> errors = new ArrayList<>();
        java.time.Duration overlap = KeyRules.overlap(request == null ? null : request.overlap(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String tenant = Tenants.of(identity);
        return store.find(tenant, oldId, Instant.now()).flatMap(found -> {
            ApiKeyView old = found.orElseThrow(() -> unknown(id));
            ApiKeyStore.New key = newKey(old.name(), List.copyOf(old.roles()));
            return store.rotate(tenant, oldId, key, key.at().plus(overlap)).map(rotation -> rotation
                    .map(r -> Response.created(location(r.created()))
                            .entity(new Rotation(r.created().withKey(key.key().key()), r.previous())).build())
                    .orElseThrow(() -> unknown(id)));
        }).onFailure(IllegalStateException.class).transform(e -> new ProblemException(409, "Conflict", e.getMessage()));
    }

    private ApiKeyStore.New newKey(String name, List<String> roles) {
        return new ApiKeyStore.New(UUID.randomUUID(), name, KeyRules.mint(random), roles, Instant.now(),
                Principals.by(identity));
    }

    private static URI location(ApiKeyView view) {
        return URI.create("/api/v1/admin/keys/" + view.id());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknown(id);
        }
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound("API key " + id);
    }
}
