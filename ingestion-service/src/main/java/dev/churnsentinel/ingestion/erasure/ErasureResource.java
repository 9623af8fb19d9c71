package dev.churnsentinel.ingestion.erasure;

import dev.churnsentinel.ingestion.intake.ApiExamples;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Tag(name = "Customers", description = "A customer's profile and the people who act for you on them")
@Path("/api/v1/erasures/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {
    private final Erasures erasures;
    private final SecurityIdentity identity;

    public ErasureResource(Erasures erasures, SecurityIdentity identity) {
        this.erasures = erasures;
        this.identity = identity;
    }

    @APIResponse(responseCode = "200", description = "the erasure and each service's part",
            content = @Content(schema = @Schema(implementation = Erasure.class),
                    examples = @ExampleObject(name = "inProgress", value = ApiExamples.ERASURE)))
    @APIResponse(responseCode = "404", description = "no erasure of that id for the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @GET
    @RolesAllowed("admin")
    @Operation(operationId = "getErasure", summary = "A customer erasure's progress",
            description = "Who asked and when, and per service DONE (when, and what it removed or anonymised, by what) or "
                    + "IN_PROGRESS; status is DONE once every service has confirmed.")
    public Uni<Erasure> get(@PathParam("id") String id) {
        UUID erasureId;
        try {
            erasureId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("erasure " + id);
        }
        return erasures.find(Tenants.of(identity), erasureId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("erasure " + id)));
    }
}
