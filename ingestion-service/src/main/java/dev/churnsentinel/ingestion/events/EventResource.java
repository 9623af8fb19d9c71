package dev.churnsentinel.ingestion.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnsentinel.ingestion.intake.AcceptedResponses;
import dev.churnsentinel.ingestion.intake.BatchReader;
import dev.churnsentinel.ingestion.intake.BatchResult;
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
    private final BatchReader batches;
    private final SecurityIdentity identity;

    public EventResource(EventService events, BatchReader batches, SecurityIdentity identity) {
        this.events = events;
        this.batches = batches;
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

    /** Up to 1,000 items; each is accepted, a duplicate, or rejected on its own. */
    @POST
    @Path("/batch")
    @RolesAllowed("ingest")
    public Uni<BatchResult> submitBatch(List<JsonNode> items) {
        BatchReader.Read<EventRequest> read = batches.read(items, EventRequest.class, EventRules::check);
        return events.acceptAll(Tenants.of(identity), read.valid())
                .map(results -> BatchReader.result(results, read.rejected()));
    }
}
