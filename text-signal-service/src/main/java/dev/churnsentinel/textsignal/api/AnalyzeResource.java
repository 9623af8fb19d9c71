package dev.churnsentinel.textsignal.api;

import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.textsignal.analysis.AnalysisService;
import dev.churnsentinel.textsignal.lexicon.Analysis;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;

/** The analysis over HTTP, for people and scripts (the services use gRPC). */
@Path("/api/v1/analyze")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
@Blocking
public class AnalyzeResource {

    public record TextRequest(String id, String text) {
    }

    public record BatchRequest(List<TextRequest> texts) {
    }

    public record BatchResponse(List<Analysis> results) {
    }

    private final AnalysisService analysis;
    private final SecurityIdentity identity;

    public AnalyzeResource(AnalysisService analysis, SecurityIdentity identity) {
        this.analysis = analysis;
        this.identity = identity;
    }

    @POST
    public Analysis analyze(TextRequest request) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("body", "must be {\"text\": \"...\"}")));
        }
        return analysis.analyze(Tenants.of(identity), request.id() == null ? "1" : request.id(), request.text(), "text");
    }

    @POST
    @Path("/batch")
    public BatchResponse batch(BatchRequest request) {
        if (request == null || request.texts() == null || request.texts().isEmpty()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("texts", "must hold at least one text")));
        }
        if (request.texts().size() > analysis.maxBatchSize()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("texts",
                    "must hold at most " + analysis.maxBatchSize() + " texts")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.texts().size(); i++) {
            TextRequest item = request.texts().get(i);
            errors.addAll(item == null ? List.of(new Problem.FieldError("texts[" + i + "]", "must not be null"))
                    : analysis.validate(item.text(), "texts[" + i + "].text"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String tenant = Tenants.of(identity);
        List<Analysis> results = new ArrayList<>();
        for (int i = 0; i < request.texts().size(); i++) {
            TextRequest item = request.texts().get(i);
            results.add(analysis.analyze(tenant, item.id() == null ? String.valueOf(i + 1) : item.id(), item.text(), "text"));
        }
        return new BatchResponse(results);
    }
}
