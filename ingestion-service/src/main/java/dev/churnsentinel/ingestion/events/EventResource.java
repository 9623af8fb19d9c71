package dev.churnsentinel.ingestion.events;

import dev.churnsentinel.ingestion.intake.AcceptedResponses;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/v1/events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {
    private final EventService events;
    private final SecurityIdentity identity;

    public EventResource(EventService events, SecurityIdentity identity) {
        this.events = events;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("ingest")
    public Uni<Response> submit(@Valid @NotNull EventRequest request) {
        List<Problem.FieldError> errors = EventRules.check(request);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return events.accept(Tenants.of(identity), request).map(AcceptedResponses::of);
    }
}
