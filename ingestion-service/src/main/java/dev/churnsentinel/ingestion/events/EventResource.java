package dev.churnsentinel.ingestion.events;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import dev.churnsentinel.ingestion.intake.Accepted;
import dev.churnsentinel.ingestion.intake.ApiExamples;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.ingestion.intake.Submissions;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.api.ApiDocument;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Tag(name = "Events", description = "What customers did: visits, purchases, cancellations")
@Path("/api/v1/events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {
    private final EventService events;
    private final Submissions submissions;
    private final SecurityIdentity identity;

    public EventResource(EventService events, Submissions submissions, SecurityIdentity identity) {
        this.events = events;
        this.submissions = submissions;
        this.identity = identity;
    }

    @APIResponse(responseCode = "202", description = "accepted: stored, and on its way even if Kafka is down",
            content = @Content(schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "accepted", value = ApiExamples.ACCEPTED)))
    @APIResponse(responseCode = "200", description = "a duplicate: the same externalId arrived before; the first item's id",
            content = @Content(schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "duplicate", value = ApiExamples.DUPLICATE)))
    @APIResponse(responseCode = "400", description = "invalid: problem+json naming each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "invalid", value = ApiExamples.INVALID_EVENT)))
    @APIResponse(responseCode = "503", description = "too much waiting for Kafka: send again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "backedUp", value = ApiExamples.BACKED_UP)))
    @POST
    @RolesAllowed("ingest")
    @Operation(operationId = "submitEvent", summary = "Submit one operational event (idempotent by externalId)",
            description = "A visit, purchase, appointment, outreach, campaign, ticket, login or contract event, with an "
                    + "amount of money where it has one and the attributes its type takes (SERVICE_VISIT: addOnsOffered, "
                    + "addOnsAccepted; TICKET_OPENED: complaint; TICKET_RESOLVED: resolutionSatisfaction 1-10). The same "
                    + "externalId again is a duplicate (200 with the first item's id), never stored twice.")
    public Uni<Response> submit(@RequestBody(content = @Content(schema = @Schema(implementation = EventRequest.class),
            examples = @ExampleObject(name = "serviceVisit", summary = "a visit where no add-on was taken",
                    value = ApiExamples.EVENT))) @Valid @NotNull EventRequest request) {
        return submissions.one(Tenants.of(identity), request, EventRules::check, events.shape());
    }

    /** Up to 1,000 items; each is accepted, a duplicate, or rejected on its own. */
    @APIResponse(responseCode = "200", description = "every item accepted, duplicate or rejected on its own",
            content = @Content(schema = @Schema(implementation = BatchResult.class),
                    examples = @ExampleObject(name = "mixed", value = ApiExamples.EVENT_BATCH_RESULT)))
    @APIResponse(responseCode = "400", description = "not an array of 1 to 1,000 items",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "tooMany", value = ApiExamples.INVALID_BATCH)))
    @APIResponse(responseCode = "503", description = "too much waiting for Kafka: send again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "backedUp", value = ApiExamples.BACKED_UP)))
    @POST
    @Path("/batch")
    @RolesAllowed("ingest")
    @Operation(operationId = "submitEventBatch", summary = "Submit up to 1,000 events; each accepted, a duplicate or rejected on its own",
            description = "A JSON array of 1 to 1,000 events as for one. An invalid item does not fail the batch: it is "
                    + "listed under rejected with its index and field errors, and the others are accepted or found to be "
                    + "duplicates (results gives each one's id by index).")
    public Uni<BatchResult> submitBatch(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = EventRequest.class, maxItems = 1000), examples = @ExampleObject(name = "threeItems",
            summary = "the third is rejected (more add-ons taken than offered)", value = ApiExamples.EVENT_BATCH)))
                                        List<JsonNode> items) {
        return submissions.batch(Tenants.of(identity), items, EventRequest.class, EventRules::check, events.shape());
    }
}
