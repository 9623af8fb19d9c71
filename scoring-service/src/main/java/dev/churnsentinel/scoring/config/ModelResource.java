package dev.churnsentinel.scoring.config;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.scoring.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.JsonErrors;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.platform.store.VersionedDocuments;
import dev.churnsentinel.scoring.model.ModelConfig;
import dev.churnsentinel.scoring.model.ModelRules;
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

import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's scoring model: GET the version in force, PUT a whole new version (every field; its {@code version},
 * when given, must be the one in force). {@code name} picks the preset: {@code churn-risk} or {@code voc-health}
 * ({@code GET /api/v1/scoring-model/presets} shows both with their defaults). Every score records the model version.
 */
@Tag(name = "Scoring model", description = "The tenant's churn-risk model: weights, points and thresholds, versioned")
@Path("/api/v1/scoring-model")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelResource {
    private final ModelStore store;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public ModelResource(ModelStore store, SecurityIdentity identity, ObjectMapper json) {
        this.store = store;
        this.identity = identity;
        this.json = json;
    }

    @APIResponse(responseCode = "200", description = "the model in force (the churn-risk defaults until one is put)",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.MODEL, parseValue = true))
    @GET
    @RolesAllowed("read")
    @WithSession
    @Operation(operationId = "getScoringModel", summary = "The scoring model in force",
            description = "Weights of the four dimensions, where the tiers begin (yellowFrom, orangeFrom, redFrom), the "
                    + "points each signal is worth and the floors; GET it before a PUT, which replaces the whole document.")
    public Uni<ModelConfig> current() {
        return store.current(Tenants.of(identity));
    }

    @GET
    @Path("/presets")
    @RolesAllowed("read")
    @APIResponse(responseCode = "200", description = "churn-risk and voc-health with their defaults")
    @Operation(operationId = "listScoringModelPresets", summary = "The built-in models a tenant can start from",
            description = "churn-risk (behaviour, spending, attitude and complaints; tiers at 60/75/90) and voc-health "
                    + "(NPS, interaction, resolution and negative words; no ORANGE), each with its default values.")
    public List<ModelConfig> presets() {
        return List.of(ModelConfig.defaults(), ModelConfig.vocHealth());
    }

    @GET
    @Path("/versions")
    @RolesAllowed("read")
    @WithSession
    @APIResponse(responseCode = "200", description = "every version, newest first, in one page",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.VERSIONS, parseValue = true))
    @Operation(operationId = "listScoringModelVersions", summary = "Every version of the tenant's scoring model",
            description = "Who put each version and when, newest first; the list is short and comes whole "
                    + "(nextCursor null).")
    public Uni<Items<VersionedDocuments.Version>> versions() {
        return store.versions(Tenants.of(identity)).map(Items::of);
    }

    @APIResponse(responseCode = "200", description = "the new version in force",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.MODEL, parseValue = true))
    @APIResponse(responseCode = "400", description = "a component missing, or a value the model cannot take",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badTiers", value = ApiExamples.INVALID_MODEL)))
    @APIResponse(responseCode = "409", description = "version is not the one in force (someone changed it meanwhile): GET it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "stale", value = ApiExamples.STALE_MODEL)))
    @PUT
    @RolesAllowed("manage")
    @WithTransaction
    @Operation(operationId = "replaceScoringModel", summary = "Replace the scoring model (a new version)",
            description = "Every component, as GET shows them (pointsPerPercentPurchaseGapStretch and "
                    + "pointsPerParticipationPointDrop may be left out and take the defaults). Give the version you read "
                    + "to be refused with 409 if someone put another meanwhile. Customers are scored with it from now on; "
                    + "each score records the version.")
    public Uni<ModelConfig> replace(@RequestBody(content = @Content(schema = @Schema(implementation = ModelConfig.class),
            examples = @ExampleObject(name = "churnRisk", value = ApiExamples.MODEL))) JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("body", "must be a scoring model document")));
        }
        JsonNode complete = ModelStore.completed(body, json);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (var component : ModelConfig.class.getRecordComponents()) {
            if (!component.getName().equals("version") && !complete.hasNonNull(component.getName())) {
                errors.add(new Problem.FieldError(component.getName(), "is required (PUT replaces the whole model; GET it first)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Integer expected = body.hasNonNull("version") ? body.get("version").asInt() : null;
        ModelConfig document;
        try {
            document = json.treeToValue(complete, ModelConfig.class).withVersion(expected == null ? 0 : expected);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.invalid(List.of(JsonErrors.describe(e)));
        }
        List<Problem.FieldError> problems = ModelRules.problems(document);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        String tenant = Tenants.of(identity);
        return store.replace(tenant, document, expected, "api-key:" + tenant);
    }
}
