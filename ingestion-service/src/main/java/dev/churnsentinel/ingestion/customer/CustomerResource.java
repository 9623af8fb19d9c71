package dev.churnsentinel.ingestion.customer;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.churnsentinel.ingestion.intake.ApiExamples;
import dev.churnsentinel.ingestion.intake.Identifiers;
import dev.churnsentinel.platform.auth.Principals;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.api.ApiDocument;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import dev.churnsentinel.ingestion.erasure.Erasure;
import dev.churnsentinel.ingestion.erasure.Erasures;
import dev.churnsentinel.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

@Tag(name = "Customers", description = "A customer's profile and the people who act for you on them")
@Path("/api/v1/customers/{customerId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {
    private final CustomerService customers;
    private final Erasures erasures;
    private final SecurityIdentity identity;

    public CustomerResource(CustomerService customers, Erasures erasures, SecurityIdentity identity) {
        this.customers = customers;
        this.erasures = erasures;
        this.identity = identity;
    }

    /** Creates (201) or replaces (200) a customer profile. */
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(examples = @ExampleObject(name = "created", value = ApiExamples.CREATED)))
    @APIResponse(responseCode = "200", description = "replaced",
            content = @Content(examples = @ExampleObject(name = "replaced", value = ApiExamples.REPLACED)))
    @APIResponse(responseCode = "400", description = "invalid: problem+json naming each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "invalid", value = ApiExamples.INVALID_CUSTOMER)))
    @APIResponse(responseCode = "503", description = "too much waiting for Kafka: send again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "backedUp", value = ApiExamples.BACKED_UP)))
    @PUT
    @RolesAllowed("ingest")
    @Operation(operationId = "putCustomer", summary = "Create or replace a customer's profile",
            description = "The profile as your CRM has it, created or replaced whole: name, segment, value tier, "
                    + "annual value and the people who act for you on the customer (accountManager, seniorManager, "
                    + "and contacts by role, such as REGIONAL_DIRECTOR), whom intervention assigns the customer's tasks to.")
    public Uni<Response> put(@PathParam("customerId") @Pattern(regexp = Identifiers.CUSTOMER_ID,
                                     message = Identifiers.CUSTOMER_ID_MESSAGE) String customerId,
                             @RequestBody(content = @Content(schema = @Schema(implementation = CustomerRequest.class),
                                     examples = @ExampleObject(name = "vip", summary = "a VIP with an account manager, "
                                             + "a senior manager and a regional director", value = ApiExamples.CUSTOMER)))
                             @Valid @NotNull CustomerRequest profile) {
        return customers.put(Tenants.of(identity), customerId, profile)
                .map(created -> Response.status(created ? 201 : 200)
                        .entity(Map.of("customerId", customerId, "created", created)).build());
    }

    @APIResponse(responseCode = "202", description = "erased here; the other services follow: GET the Location to watch them",
            content = @Content(schema = @Schema(implementation = Erasure.class),
                    examples = @ExampleObject(name = "started", value = ApiExamples.ERASURE)))
    @APIResponse(responseCode = "200", description = "nothing of the customer is left here: their latest erasure",
            content = @Content(schema = @Schema(implementation = Erasure.class)))
    @APIResponse(responseCode = "404", description = "the tenant never had the customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.UNKNOWN_CUSTOMER)))
    @DELETE
    @RolesAllowed("admin")
    @Operation(operationId = "eraseCustomer", summary = "Erase a customer everywhere (PIPL, GDPR)",
            description = "Removes what the customer said and who they are: here at once (their profile; the text of their "
                    + "feedback and the attributes of their events, whose rows stay under an anonymous id so counts do "
                    + "not change; rejected spreadsheet rows naming them), then in scoring and intervention, which the "
                    + "request reaches after every earlier record of the customer. Scores, tiers, task outcomes and "
                    + "report totals are kept without the customer's id. Answers the erasure with each service's "
                    + "progress; GET /api/v1/erasures/{id} follows it until status is DONE. Copies on Kafka topics expire "
                    + "with the topics' retention (README, Privacy). A later record of the same customer id starts afresh.")
    public Uni<Response> erase(@PathParam("customerId") @Pattern(regexp = Identifiers.CUSTOMER_ID,
            message = Identifiers.CUSTOMER_ID_MESSAGE) String customerId) {
        String tenant = Tenants.of(identity);
        return erasures.erase(tenant, customerId, Principals.by(identity)).map(outcome -> {
            if (outcome.isEmpty()) {
                throw ProblemException.notFound("customer " + customerId);
            }
            Erasure erasure = outcome.get().erasure();
            return Response.status(outcome.get().started() ? 202 : 200).entity(erasure)
                    .location(java.net.URI.create("/api/v1/erasures/" + erasure.id())).build();
        });
    }
}
