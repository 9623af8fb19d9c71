package dev.churnsentinel.intervention.playbook;

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
    @Operation(operationId = "getPlaybooks", summary = "The playbooks in force")
    public Uni<Playbooks> current() {
        return store.current(Tenants.of(identity));
    }

    @PUT
    @RolesAllowed("manage")
    @WithTransaction
    @Operation(operationId = "replacePlaybooks", summary = "Replace the playbooks (a new version; 409 when the version given is stale)")
    public Uni<Playbooks> replace(Playbooks document) {
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
    @Operation(operationId = "listPlaybookVersions", summary = "Every version of the tenant's playbooks")
    public Uni<Items<PlaybookStore.Version>> versions() {
        return store.versions(Tenants.of(identity)).map(Items::of);
    }
}
