package dev.churnsentinel.intervention.admin;

import dev.churnsentinel.intervention.ApiExamples;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.intervention.WebhookFormat;
import dev.churnsentinel.intervention.playbook.Tier;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.auth.Principals;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

import java.util.List;

/**
 * A tenant's chat robots and HTTP receivers told of its tasks ({@link dev.churnsentinel.intervention.notify.TenantWebhooks}): what its administrators set
 * here overrides configuration's by name. Secrets are taken, never shown; the access tokens in robots' addresses are
 * masked ({@link UrlMask}). The rules and the work are {@link WebhookAdmin}'s, which the console's settings page shares.
 */
@Tag(name = "Admin")
@Path("/api/v1/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class WebhookAdminResource {
    /**
     * A webhook as set.
     *
     * @param secret the signing secret; absent keeps the one the webhook has, {@code ""} removes it
     * @param tiers  the tiers told of; absent for all
     */
    public record WebhookSetting(@NotBlank @Size(max = 2000) String url, @NotNull WebhookFormat format,
                                 @Size(max = 500) String secret, @Size(min = 1, message = "must name at least one tier (leave it out for all)")
                                 List<@NotNull Tier> tiers) {
    }

    /** A webhook as shown: its address masked, and only whether it has a secret. */
    public record WebhookView(String name, String url, WebhookFormat format, List<String> tiers, boolean secretSet,
                              String source) {
        public static WebhookView of(String name, Sourced<InterventionConfig.Webhook> webhook) {
            InterventionConfig.Webhook w = webhook.value();
            return new WebhookView(name, UrlMask.mask(w.url()), w.format(), w.tiers().orElse(null),
                    w.secret().map(s -> !s.isBlank()).orElse(false), webhook.source());
        }
    }

    /**
     * What the receiver answered a test message.
     *
     * @param status   its HTTP status; 0 when it could not be reached
     * @param response its answer's body (at most {@value WebhookAdmin#MAX_RESPONSE} characters); null when it could not be reached
     * @param error    why the message was not delivered (a status, the robot's error code, the connection's failure)
     */
    public record TestResult(boolean delivered, int status, String response, String error, long tookMs) {
    }

    private final WebhookAdmin admin;
    private final SecurityIdentity identity;

    public WebhookAdminResource(WebhookAdmin admin, SecurityIdentity identity) {
        this.admin = admin;
        this.identity = identity;
    }

    @GET
    @APIResponse(responseCode = "200", description = "the tenant's webhooks, by name",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_WEBHOOKS, parseValue = true))
    @Operation(operationId = "listWebhooks", summary = "The tenant's chat robots and HTTP receivers, by name",
            description = "Those set through this API (source api) and those of configuration it has not overridden "
                    + "(source config); addresses masked, secrets never shown (secretSet says whether there is one).")
    public Uni<Items<WebhookView>> list() {
        return admin.list(Tenants.of(identity)).map(Items::of);
    }

    @GET
    @Path("/{name}")
    @APIResponse(responseCode = "200", description = "the webhook",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_WEBHOOK, parseValue = true))
    @APIResponse(responseCode = "404", description = "the tenant has no webhook of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.WEBHOOK_NOT_FOUND)))
    @Operation(operationId = "getWebhook", summary = "One webhook (address masked, without its secret)",
            description = "Its masked address, format, tiers, whether it has a secret, and where it comes from.")
    public Uni<WebhookView> get(@PathParam("name") String name) {
        return admin.get(Tenants.of(identity), name);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "the tenant had no webhook of that name: created",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_WEBHOOK, parseValue = true))
    @APIResponse(responseCode = "200", description = "replaced (one of configuration's is overridden by it)",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_WEBHOOK, parseValue = true))
    @APIResponse(responseCode = "400", description = "a name, url, format or tier that is not one; a field too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "plainHttp", value = ApiExamples.INVALID_URL)))
    @Operation(operationId = "putWebhook", summary = "Set a chat robot or HTTP receiver of the tenant, by name",
            description = "Used by the tenant's next task notifications, on every replica within seconds. Without "
                    + "secret the webhook keeps the one it has (configuration's too, when it overrides one); "
                    + "\"secret\": \"\" removes it. The url must be an absolute https:// address.")
    public Uni<Response> put(@PathParam("name") String name,
                             @RequestBody(content = @Content(schema = @Schema(implementation = WebhookSetting.class),
                                     examples = @ExampleObject(name = "dingtalk", value = ApiExamples.ADMIN_WEBHOOK_PUT)))
                             @NotNull WebhookSetting body) {
        return admin.put(Tenants.of(identity), name, body, Principals.by(identity)).map(SettingAnswers::put);
    }

    @DELETE
    @Path("/{name}")
    @APIResponse(responseCode = "204", description = "deleted; configuration's webhook of that name, if any, is used again")
    @APIResponse(responseCode = "404", description = "the tenant has no webhook of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.WEBHOOK_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "the webhook comes from configuration: only an operator removes it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "configured", value = ApiExamples.WEBHOOK_CONFIGURED)))
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook set through the API",
            description = "The tenant's notifications no longer go to it (configuration's of the same name, if any, "
                    + "take over again).")
    public Uni<Response> delete(@PathParam("name") String name) {
        return admin.delete(Tenants.of(identity), name).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{name}/test")
    @APIResponse(responseCode = "200", description = "what the receiver answered",
            content = @Content(schema = @Schema(implementation = TestResult.class), examples = {
                    @ExampleObject(name = "delivered", value = ApiExamples.WEBHOOK_TEST_DELIVERED),
                    @ExampleObject(name = "refused", value = ApiExamples.WEBHOOK_TEST_REFUSED)}))
    @APIResponse(responseCode = "404", description = "the tenant has no webhook of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.WEBHOOK_NOT_FOUND)))
    @Operation(operationId = "testWebhook", summary = "Send a test message to a webhook now, and show its answer",
            description = "A card in the webhook's format, signed as notifications are, with a link to the console. "
                    + "delivered is false when the receiver answers other than 2xx, when a robot refuses it (an "
                    + "errcode or code other than 0: a bad signature, a keyword filter) or cannot be reached. "
                    + "Nothing is recorded among the notifications.")
    public Uni<TestResult> test(@PathParam("name") String name) {
        return admin.test(Tenants.of(identity), name);
    }
}
