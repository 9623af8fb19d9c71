package dev.churnsentinel.ingestion.customer;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.churnsentinel.ingestion.intake.Identifiers;
import dev.churnsentinel.platform.auth.Tenants;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
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
    private final SecurityIdentity identity;

    public CustomerResource(CustomerService customers, SecurityIdentity identity) {
        this.customers = customers;
        this.identity = identity;
    }

    /** Creates (201) or replaces (200) a customer profile. */
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "200", description = "replaced")
    @APIResponse(responseCode = "400", description = "invalid: problem+json naming each field")
    @PUT
    @RolesAllowed("ingest")
    @Operation(operationId = "putCustomer", summary = "Create or replace a customer's profile")
    public Uni<Response> put(@PathParam("customerId") @Pattern(regexp = Identifiers.CUSTOMER_ID,
                                     message = Identifiers.CUSTOMER_ID_MESSAGE) String customerId,
                             @Valid @NotNull CustomerRequest profile) {
        return customers.put(Tenants.of(identity), customerId, profile)
                .map(created -> Response.status(created ? 201 : 200)
                        .entity(Map.of("customerId", customerId, "created", created)).build());
    }
}
