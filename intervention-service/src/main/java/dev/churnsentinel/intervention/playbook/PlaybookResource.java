package dev.churnsentinel.intervention.playbook;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.intervention.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The tenant's playbooks: GET the version in force, PUT a whole new version (its {@code version}, when given, must be
 * the one in force: a guard against two people editing at once). New tasks follow the new version at once; open tasks
 * keep the windows they were given.
 */
@Tag(name = "Playbooks", description = "Who acts, by when, and how, per tier; versioned")
@Path("/api/v1/playbooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlaybookResource {
    private final PlaybookStore store;
    private final SecurityIdentity identity;

    public PlaybookResource(PlaybookStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    @GET
    @RolesAllowed("read")
    @WithSession
    @APIResponse(responseCode = "200", description = "the playbooks in force (the defaults until some are put)",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.PLAYBOOKS, parseValue = true))
    @Operation(operationId = "getPlaybooks", summary = "The playbooks in force",
            description = "Per tier (YELLOW, ORANGE, RED): the task kind, due and acknowledgeWithin windows "
                    + "(ISO-8601 durations), the assignee's role, whom to escalate to and how, and the talk-track; the "
                    + "price-sensitive variant and the exit survey after a churn.")
    public Uni<Playbooks> current() {
        return store.current(Tenants.of(identity));
    }

    @PUT
    @RolesAllowed("manage")
    @WithTransaction
    @APIResponse(responseCode = "200", description = "the new version in force",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.PLAYBOOKS, parseValue = true))
    @APIResponse(responseCode = "400", description = "a playbook missing or invalid, each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badDue", value = ApiExamples.INVALID_PLAYBOOKS)))
    @APIResponse(responseCode = "409", description = "version is not the one in force (someone changed them meanwhile): GET them again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "stale", value = ApiExamples.STALE_PLAYBOOKS)))
    @Operation(operationId = "replacePlaybooks", summary = "Replace the playbooks (a new version; 409 when the version given is stale)",
            description = "The whole document, YELLOW, ORANGE and RED each given (GREEN gets no tasks). Give the "
                    + "version you read to be refused with 409 if someone put another meanwhile. New tasks follow the new "
                    + "version at once; open tasks keep the windows they were given.")
    public Uni<Playbooks> replace(@RequestBody(content = @Content(schema = @Schema(implementation = Playbooks.class),
            examples = @ExampleObject(name = "defaults", value = ApiExamples.PLAYBOOKS))) Playbooks document) {
        if (document == null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("body", "must be a playbooks document")));
        }
        List<Problem.FieldError> problems = PlaybookRules.problems(document);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        String tenant = Tenants.of(identity);
        return store.replace(tenant, document, document.version(), "api-key:" + tenant);
    }

    @GET
    @Path("/versions")
    @RolesAllowed("read")
    @WithSession
    @APIResponse(responseCode = "200", description = "every version, newest first, in one page",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.PLAYBOOK_VERSIONS, parseValue = true))
    @Operation(operationId = "listPlaybookVersions", summary = "Every version of the tenant's playbooks",
            description = "Who put each version and when, newest first; the list is short and comes whole "
                    + "(nextCursor null).")
    public Uni<Items<PlaybookStore.Version>> versions() {
        return store.versions(Tenants.of(identity)).map(Items::of);
    }
}
