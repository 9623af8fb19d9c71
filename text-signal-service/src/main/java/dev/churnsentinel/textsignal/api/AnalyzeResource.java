package dev.churnsentinel.textsignal.api;

import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.platform.api.ApiDocument;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** The analysis over HTTP, for people and scripts (the services use gRPC: docs/grpc.md). */
@Tag(name = "Analysis", description = "What a text says: risk phrases with offsets, sentiment, emotions, aspects")
@Path("/api/v1/analyze")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
@Blocking
public class AnalyzeResource {
    private static final String TEXT = """
            {"id": "survey-2026-000123", "text": "合同到期我们就解约，不想再续了。"}""";
    private static final String ANALYSIS = """
            {"id": "survey-2026-000123", "sentiment": {"label": "NEGATIVE", "polarity": -0.91, "confidence": 0.95},
             "emotions": [],
             "riskKeywords": [{"term": "解约", "category": "CANCELLATION", "negated": false, "start": 7, "end": 9,
                               "question": false, "dismissed": null, "inferred": false},
                              {"term": "不想再续", "category": "CANCELLATION", "negated": false, "start": 10, "end": 14,
                               "question": false, "dismissed": null, "inferred": false}],
             "highRisk": true, "priceSensitive": false, "aspects": []}""";
    private static final String TEXTS = """
            {"texts": [{"id": "1", "text": "价格不贵，服务也挺周到的"}, {"id": "2", "text": "不退款我就去12315投诉"}]}""";
    private static final String ANALYSES = """
            {"results": [
               {"id": "1", "sentiment": {"label": "POSITIVE", "polarity": 0.98, "confidence": 0.99},
                "emotions": [{"type": "SATISFACTION", "intensity": 0.5}], "riskKeywords": [], "highRisk": false,
                "priceSensitive": false, "aspects": [{"aspect": "SERVICE_ATTITUDE", "polarity": 0.99}]},
               {"id": "2", "sentiment": {"label": "NEGATIVE", "polarity": -1.0, "confidence": 1.0}, "emotions": [],
                "riskKeywords": [{"term": "不退款", "category": "REFUND", "negated": false, "start": 0, "end": 3, "question": false},
                                 {"term": "12315", "category": "ESCALATION", "negated": false, "start": 6, "end": 11, "question": false},
                                 {"term": "投诉", "category": "ESCALATION", "negated": false, "start": 11, "end": 13, "question": false}],
                "highRisk": true, "priceSensitive": false, "aspects": []}]}""";
    private static final String EMPTY_TEXT = ApiDocument.INVALID_FIELD + """
            [{"field": "text", "message": "must not be empty"}]}""";
    private static final String BAD_ITEM = ApiDocument.INVALID_FIELD + """
            [{"field": "texts[1].text", "message": "must be at most 10000 characters"}]}""";

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

    @APIResponse(responseCode = "200", description = "what the text says",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ANALYSIS, parseValue = true))
    @APIResponse(responseCode = "400", description = "no body, or a text that is empty or longer than 10,000 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "empty", value = EMPTY_TEXT)))
    @POST
    @Operation(operationId = "analyzeText", summary = "What one text says",
            description = "Risk phrases in seven categories with their offsets in the text (start inclusive, end "
                    + "exclusive, in UTF-16 code units), negated or asked as a question; sentiment, emotions, aspects, and "
                    + "whether the text is high-risk or about price. A phrase the clause classifier does not count although "
                    + "it is not negated carries dismissed, the reason: SETTLED, PRAISE, HYPOTHETICAL_OTHER, INFO_QUESTION "
                    + "or NEGATED (null when it counts); it makes neither highRisk nor priceSensitive. A sentence that holds "
                    + "no listed phrase may still state a risk in other words: the risk detector then adds it with "
                    + "inferred true, the whole sentence as term, start and end. With the tenant's own "
                    + "phrases, if it has any. id is echoed back (default 1).")
    public Analysis analyze(@RequestBody(content = @Content(schema = @Schema(implementation = TextRequest.class),
            examples = @ExampleObject(name = "cancellation", value = TEXT))) TextRequest request) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("body", "must be {\"text\": \"...\"}")));
        }
        return analysis.analyze(Tenants.of(identity), request.id() == null ? "1" : request.id(), request.text(), "text");
    }

    @APIResponse(responseCode = "200", description = "one result per text, in order",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ANALYSES, parseValue = true))
    @APIResponse(responseCode = "400", description = "no texts, more than 1,000, or a text that is empty or too long "
            + "(each one named; nothing is analysed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "tooLong", value = BAD_ITEM)))
    @POST
    @Path("/batch")
    @Operation(operationId = "analyzeTexts", summary = "What each of up to 1,000 texts says",
            description = "As for one text, for each; results come in the order of texts, each with its id (default "
                    + "its position from 1).")
    public BatchResponse batch(@RequestBody(content = @Content(schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "calmAndAngry", value = TEXTS))) BatchRequest request) {
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
