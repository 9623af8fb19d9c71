package dev.churnsentinel.scoring.health;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.scoring.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.Pager;
import dev.churnsentinel.platform.api.Paging;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.ids.CustomerIds;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.scoring.model.Assessment;
import dev.churnsentinel.scoring.model.Tier;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

@Tag(name = "Customers", description = "Each customer's churn risk, tier and why")
@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class HealthResource {
    private static final int MAX_LIMIT = 500;

    public record ModelRef(String name, int version) {
    }

    public record HealthView(String customerId, double riskScore, Tier tier, Assessment.Stage stage, ModelRef model,
                             List<Assessment.Dimension> dimensions, List<Assessment.Override> overrides,
                             OffsetDateTime computedAt) {
    }

    public record AtRisk(String customerId, double riskScore, String tier, String stage, String segment, String valueTier,
                         BigDecimal annualValue, OffsetDateTime computedAt) {
    }

    public record HistoryEntry(double riskScore, String tier, String stage, OffsetDateTime computedAt,
                               List<Assessment.Override> overrides, List<Assessment.Dimension> dimensions) {
    }

    private final HealthQueries queries;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Pager pager;

    public HealthResource(HealthQueries queries, SecurityIdentity identity, ObjectMapper json, Pager pager) {
        this.pager = pager;
        this.queries = queries;
        this.identity = identity;
        this.json = json;
    }

    @APIResponse(responseCode = "200", description = "the latest assessment",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.HEALTH, parseValue = true))
    @APIResponse(responseCode = "400", description = "customerId is not 1-100 letters, digits or . _ : -",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badId", value = ApiExamples.INVALID_CUSTOMER_ID)))
    @APIResponse(responseCode = "404", description = "no such customer, or not assessed yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
    @GET
    @Path("/{customerId}/health")
    @Operation(operationId = "getHealth", summary = "A customer's risk score, tier, stage and the signals behind them",
            description = "The latest assessment: risk 0-100, tier (GREEN, YELLOW, ORANGE, RED), stage of the decision "
                    + "to leave, the model version that scored it, each dimension's score with the signals behind it, and "
                    + "the overrides that set a minimum tier (a high-risk phrase with its evidence and offsets, floors).")
    public Uni<HealthView> health(@PathParam("customerId") String customerId) {
        return queries.find(Tenants.of(identity), CustomerIds.check("customerId", customerId)).map(health -> {
            if (health == null || health.assessment == null) {
                throw ProblemException.notFound("customer " + customerId);
            }
            Assessment a = assessment(health.assessment);
            return new HealthView(customerId, a.riskScore(), a.tier(), a.stage(),
                    new ModelRef(a.modelName(), a.modelVersion()), a.dimensions(), a.overrides(), health.computedAt);
        });
    }

    /**
     * Customers at risk, most urgent first, a page at a time; {@code sort=updatedAt} with {@code updatedSince} fetches
     * the customers assessed since a previous sync.
     */
    @APIResponse(responseCode = "200", description = "a page of customers; nextCursor null on the last",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.CUSTOMERS, parseValue = true))
    @APIResponse(responseCode = "400", description = "an invalid filter, cursor or limit, or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badCursor", value = ApiExamples.INVALID_LIST)))
    @GET
    @Operation(operationId = "listCustomers", summary = "Customers, most urgent first, a page at a time; filters and a sync order",
            description = "Every tier but GREEN unless tier says otherwise; urgency order (risk, then annual value, then "
                    + "id) or sort=updatedAt with updatedSince to fetch every customer re-assessed since a previous sync. "
                    + "Repeat the request with cursor=nextCursor for the next page.")
    public Uni<Items<AtRisk>> atRisk(@BeanParam CustomerListParameters list, @BeanParam Paging paging) {
        String tenant = Tenants.of(identity);
        HealthQueries.Filter filter = list.filter();
        Keyset<CustomerHealth> order = list.order();
        return pager.page(tenant, paging, 50, MAX_LIMIT, order,
                        (after, position, max) -> queries.customers(tenant, filter, order, after, position, max),
                        () -> queries.count(tenant, filter))
                .map(page -> page.map(h -> new AtRisk(h.customerId, h.riskScore, h.tier, h.stage, h.segment, h.valueTier,
                        h.annualValue, h.computedAt)));
    }

    @APIResponse(responseCode = "200", description = "a page of assessments, oldest first",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.HISTORY, parseValue = true))
    @APIResponse(responseCode = "400", description = "an invalid customerId, cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badId", value = ApiExamples.INVALID_CUSTOMER_ID)))
    @APIResponse(responseCode = "404", description = "no such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
    @GET
    @Path("/{customerId}/health/history")
    @Operation(operationId = "listHealthHistory", summary = "How a customer's score and tier moved, and why",
            description = "Every assessment the customer had, in order, with its overrides and dimensions: how they came "
                    + "to their tier.")
    public Uni<Items<HistoryEntry>> history(@PathParam("customerId") String customerId, @BeanParam Paging paging) {
        String tenant = Tenants.of(identity);
        CustomerIds.check("customerId", customerId);
        return queries.find(tenant, customerId).flatMap(health -> {
            if (health == null) {
                throw ProblemException.notFound("customer " + customerId);
            }
            return pager.page(tenant, paging, 100, MAX_LIMIT, HealthQueries.HISTORY_IN_ORDER,
                    (after, position, max) -> queries.history(tenant, customerId, after, position, max),
                    () -> queries.countHistory(tenant, customerId));
        }).map(page -> page.map(e -> {
            Assessment a = assessment(e.reason);
            return new HistoryEntry(e.riskScore, e.tier, e.stage, e.computedAt, a.overrides(), a.dimensions());
        }));
    }

    private Assessment assessment(String document) {
        try {
            return json.readValue(document, Assessment.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
