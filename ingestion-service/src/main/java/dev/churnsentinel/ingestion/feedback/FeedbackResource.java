package dev.churnsentinel.ingestion.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnsentinel.ingestion.intake.AcceptedResponses;
import dev.churnsentinel.ingestion.intake.BatchReader;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.platform.auth.Tenants;
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

@Path("/api/v1/feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {
    private final FeedbackService feedback;
    private final BatchReader batches;
    private final SecurityIdentity identity;

    public FeedbackResource(FeedbackService feedback, BatchReader batches, SecurityIdentity identity) {
        this.feedback = feedback;
        this.batches = batches;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("ingest")
    public Uni<Response> submit(@Valid @NotNull FeedbackRequest request) {
        if (!request.ruleErrors().isEmpty()) {
            throw ProblemException.invalid(request.ruleErrors());
        }
        return feedback.accept(Tenants.of(identity), request).map(AcceptedResponses::of);
    }

    /** Up to 1,000 items; each is accepted, a duplicate, or rejected on its own. */
    @POST
    @Path("/batch")
    @RolesAllowed("ingest")
    public Uni<BatchResult> submitBatch(List<JsonNode> items) {
        BatchReader.Read<FeedbackRequest> read = batches.read(items, FeedbackRequest.class, FeedbackRequest::ruleErrors);
        return feedback.acceptAll(Tenants.of(identity), read.valid())
                .map(results -> BatchReader.result(results, read.rejected()));
    }
}
