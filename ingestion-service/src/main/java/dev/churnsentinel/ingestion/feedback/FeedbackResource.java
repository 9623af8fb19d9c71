package dev.churnsentinel.ingestion.feedback;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.ingestion.intake.Submissions;
import dev.churnsentinel.platform.auth.Tenants;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
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

@Tag(name = "Feedback", description = "What customers said: surveys, tickets, chats, reviews")
@Path("/api/v1/feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {
    private final FeedbackService feedback;
    private final Submissions submissions;
    private final SecurityIdentity identity;

    public FeedbackResource(FeedbackService feedback, Submissions submissions, SecurityIdentity identity) {
        this.feedback = feedback;
        this.submissions = submissions;
        this.identity = identity;
    }

    @APIResponse(responseCode = "202", description = "accepted: stored, and on its way even if Kafka is down")
    @APIResponse(responseCode = "200", description = "a duplicate: the same externalId arrived before; the first item's id")
    @APIResponse(responseCode = "400", description = "invalid: problem+json naming each field")
    @APIResponse(responseCode = "503", description = "too much waiting for Kafka: send again after Retry-After")
    @POST
    @RolesAllowed("ingest")
    @Operation(operationId = "submitFeedback", summary = "Submit one piece of feedback (idempotent by externalId)")
    public Uni<Response> submit(@Valid @NotNull FeedbackRequest request) {
        return submissions.one(Tenants.of(identity), request, FeedbackRequest::ruleErrors, feedback.shape());
    }

    /** Up to 1,000 items; each is accepted, a duplicate, or rejected on its own. */
    @APIResponse(responseCode = "200", description = "every item accepted, duplicate or rejected on its own")
    @APIResponse(responseCode = "400", description = "not an array of 1 to 1,000 items")
    @APIResponse(responseCode = "503", description = "too much waiting for Kafka: send again after Retry-After")
    @POST
    @Path("/batch")
    @RolesAllowed("ingest")
    @Operation(operationId = "submitFeedbackBatch", summary = "Submit up to 1,000 pieces of feedback; each accepted, a duplicate or rejected on its own")
    public Uni<BatchResult> submitBatch(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = FeedbackRequest.class, maxItems = 1000))) List<JsonNode> items) {
        return submissions.batch(Tenants.of(identity), items, FeedbackRequest.class, FeedbackRequest::ruleErrors,
                feedback.shape());
    }
}
