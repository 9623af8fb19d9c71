package dev.churnsentinel.scoring.config;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.JsonErrors;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
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

import java.time.OffsetDateTime;
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

    public record Version(int version, String name, OffsetDateTime createdAt, String createdBy) {
    }

    @GET
    @RolesAllowed("read")
    @WithSession
    @Operation(operationId = "getScoringModel", summary = "The scoring model in force")
    public Uni<ModelConfig> current() {
        return store.current(Tenants.of(identity));
    }

    @GET
    @Path("/presets")
    @RolesAllowed("read")
    @Operation(operationId = "listScoringModelPresets", summary = "The built-in models a tenant can start from")
    public List<ModelConfig> presets() {
        return List.of(ModelConfig.defaults(), ModelConfig.vocHealth());
    }

    @GET
    @Path("/versions")
    @RolesAllowed("read")
    @WithSession
    @Operation(operationId = "listScoringModelVersions", summary = "Every version of the tenant's scoring model")
    public Uni<Items<Version>> versions() {
        return store.versions(Tenants.of(identity)).map(rows -> Items.of(rows.stream().map(r -> new Version((Integer) r[0],
                (String) r[1], r[2] instanceof OffsetDateTime o ? o : OffsetDateTime.parse(r[2].toString()), (String) r[3])).toList()));
    }

    @PUT
    @RolesAllowed("manage")
    @WithTransaction
    @Operation(operationId = "replaceScoringModel", summary = "Replace the scoring model (a new version)")
    public Uni<ModelConfig> replace(JsonNode body) {
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
