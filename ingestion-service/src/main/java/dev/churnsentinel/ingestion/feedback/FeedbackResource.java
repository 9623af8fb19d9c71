package dev.churnsentinel.ingestion.feedback;

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

@Path("/api/v1/feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {
    private final FeedbackService feedback;
    private final SecurityIdentity identity;

    public FeedbackResource(FeedbackService feedback, SecurityIdentity identity) {
        this.feedback = feedback;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("ingest")
    public Uni<Response> submit(@Valid @NotNull FeedbackRequest request) {
        if (!request.hasSignal()) {
            throw ProblemException.invalid(List.of(
                    new Problem.FieldError("text", "at least one of text, nps, satisfaction is required")));
        }
        return feedback.accept(Tenants.of(identity), request).map(AcceptedResponses::of);
    }
}
