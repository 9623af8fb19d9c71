package dev.churnsentinel.intervention.admin;

import dev.churnsentinel.intervention.ApiExamples;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.auth.Principals;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A tenant's default contacts ({@link dev.churnsentinel.intervention.customer.DefaultContacts}): who acts in a role for
 * customers whose profile names nobody in it. What its administrators set here overrides configuration's by role. The
 * rules and the work are {@link ContactAdmin}'s, which the console's settings page shares.
 */
@Tag(name = "Admin")
@Path("/api/v1/admin/contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ContactAdminResource {
    /** A default contact as set: the person's id as the tenant's systems know them, and where notifications go. */
    public record ContactSetting(@NotBlank @Size(max = 200) String id, @Size(max = 200) String name,
                                 @Email @Size(max = 320) String email) {
    }

    public record ContactView(String role, String id, String name, String email, String source) {
        public static ContactView of(String role, Sourced<InterventionConfig.DefaultContact> contact) {
            InterventionConfig.DefaultContact c = contact.value();
            return new ContactView(role, c.id(), c.name().orElse(null), c.email().orElse(null), contact.source());
        }
    }

    /** @param error why the e-mail was not sent (no address, the mail server's refusal), or null */
    public record TestResult(boolean delivered, String error) {
    }

    private final ContactAdmin admin;
    private final SecurityIdentity identity;

    public ContactAdminResource(ContactAdmin admin, SecurityIdentity identity) {
        this.admin = admin;
        this.identity = identity;
    }

    @GET
    @APIResponse(responseCode = "200", description = "the tenant's default contacts, by role",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_CONTACTS, parseValue = true))
    @Operation(operationId = "listDefaultContacts", summary = "The tenant's default contacts, by role",
            description = "Those set through this API (source api) and those of configuration it has not overridden "
                    + "(source config).")
    public Uni<Items<ContactView>> list() {
        return admin.list(Tenants.of(identity)).map(Items::of);
    }

    @GET
    @Path("/{role}")
    @APIResponse(responseCode = "200", description = "the default contact",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_CONTACT, parseValue = true))
    @APIResponse(responseCode = "404", description = "the tenant has no default contact in that role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.CONTACT_NOT_FOUND)))
    @Operation(operationId = "getDefaultContact", summary = "The tenant's default contact in one role",
            description = "Who it is, where notifications go, and where it comes from.")
    public Uni<ContactView> get(@PathParam("role") String role) {
        return admin.get(Tenants.of(identity), role);
    }

    @PUT
    @Path("/{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "the tenant had no default contact in that role: created",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_CONTACT, parseValue = true))
    @APIResponse(responseCode = "200", description = "replaced (one of configuration's is overridden by it)",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_CONTACT, parseValue = true))
    @APIResponse(responseCode = "400", description = "a role that is not one, no id, an invalid e-mail address, a field too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badRole", value = ApiExamples.INVALID_ROLE)))
    @Operation(operationId = "putDefaultContact", summary = "Set the tenant's default contact in a role",
            description = "Tasks of customers whose profile names nobody in the role go to this person from now on, "
                    + "on every replica within seconds. A role is an upper-case code as playbooks name them "
                    + "(ACCOUNT_MANAGER, SENIOR_MANAGER, REGIONAL_DIRECTOR, GENERAL_MANAGER...).")
    public Uni<Response> put(@PathParam("role") String role,
                             @RequestBody(content = @Content(schema = @Schema(implementation = ContactSetting.class),
                                     examples = @ExampleObject(name = "seniorManager", value = ApiExamples.ADMIN_CONTACT_PUT)))
                             @NotNull ContactSetting body) {
        return admin.put(Tenants.of(identity), role, body, Principals.by(identity)).map(SettingAnswers::put);
    }

    @DELETE
    @Path("/{role}")
    @APIResponse(responseCode = "204", description = "deleted; configuration's default contact in that role, if any, "
            + "is used again")
    @APIResponse(responseCode = "404", description = "the tenant has no default contact in that role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.CONTACT_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "the default contact comes from configuration: only an operator "
            + "removes it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "configured", value = ApiExamples.CONTACT_CONFIGURED)))
    @Operation(operationId = "deleteDefaultContact", summary = "Remove a default contact set through the API",
            description = "Configuration's default contact in the role, if any, takes over again.")
    public Uni<Response> delete(@PathParam("role") String role) {
        return admin.delete(Tenants.of(identity), role).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{role}/test")
    @APIResponse(responseCode = "200", description = "whether the mail server took the e-mail",
            content = @Content(schema = @Schema(implementation = TestResult.class), examples = {
                    @ExampleObject(name = "delivered", value = ApiExamples.CONTACT_TEST_DELIVERED),
                    @ExampleObject(name = "noAddress", value = ApiExamples.CONTACT_TEST_NO_ADDRESS)}))
    @APIResponse(responseCode = "404", description = "the tenant has no default contact in that role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.CONTACT_NOT_FOUND)))
    @Operation(operationId = "testDefaultContact", summary = "Send a test e-mail to a default contact now",
            description = "Through the mailer task notifications use; delivered means the mail server took it. "
                    + "Nothing is recorded among the notifications.")
    public Uni<TestResult> test(@PathParam("role") String role) {
        return admin.test(Tenants.of(identity), role);
    }
}
