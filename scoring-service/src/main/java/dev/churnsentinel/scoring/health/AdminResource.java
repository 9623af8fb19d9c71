package dev.churnsentinel.scoring.health;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.scoring.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.churnsentinel.platform.auth.Tenants;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operations an administrator runs by hand. */
@Tag(name = "Admin", description = "Operations for administrators")
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminResource {
    private final SilenceScan silence;
    private final SecurityIdentity identity;

    public AdminResource(SilenceScan silence, SecurityIdentity identity) {
        this.silence = silence;
        this.identity = identity;
    }

    /**
     * Runs silence detection now (it also runs on a schedule) and answers how many customers it flagged: silent
     * beyond their own rhythm and reassessed. The caller's tenant only (the scheduled scan covers every tenant).
     */
    @APIResponse(responseCode = "200", description = "how many customers it flagged, and how long it took",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.SILENCE_SCAN, parseValue = true))
    @POST
    @Path("/silence-scan")
    @Blocking
    @Operation(operationId = "runSilenceScan", summary = "Look for silent customers now (it also runs on a schedule)",
            description = "Flags the caller's customers who have been silent beyond their own rhythm and reassesses "
                    + "them. The scheduled scan (hourly) covers every tenant; this covers the caller's tenant now.")
    public SilenceScan.Result silenceScan() {
        return silence.scan(Tenants.of(identity));
    }
}
