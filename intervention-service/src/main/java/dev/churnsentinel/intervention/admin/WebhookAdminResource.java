package dev.churnsentinel.intervention.admin;

import dev.churnsentinel.intervention.ApiExamples;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.intervention.WebhookFormat;
import dev.churnsentinel.intervention.integration.Endpoints;
import dev.churnsentinel.intervention.notify.TenantWebhooks;
import dev.churnsentinel.intervention.notify.WebhookSender;
import dev.churnsentinel.intervention.notify.Webhooks;
import dev.churnsentinel.intervention.playbook.Tier;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
 * A tenant's chat robots and HTTP receivers told of its tasks ({@link TenantWebhooks}): what its administrators set
 * here overrides configuration's by name. Secrets are taken, never shown; the access tokens in robots' addresses are
 * masked ({@link UrlMask}).
 */
@Tag(name = "Admin")
@Path("/api/v1/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class WebhookAdminResource {
    static final String NAME = "[A-Za-z0-9._-]{1,64}";
    private static final String NAME_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";
    /** The most of a receiver's answer the test action shows. */
    static final int MAX_RESPONSE = 2000;
    static final String TEST_TITLE = "测试消息 / Test message from Churn Sentinel";

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
        static WebhookView of(String name, Sourced<InterventionConfig.Webhook> webhook) {
            InterventionConfig.Webhook w = webhook.value();
            return new WebhookView(name, UrlMask.mask(w.url()), w.format(), w.tiers().orElse(null),
                    w.secret().map(s -> !s.isBlank()).orElse(false), webhook.source());
        }
    }

    /**
     * What the receiver answered a test message.
     *
     * @param status   its HTTP status; 0 when it could not be reached
     * @param response its answer's body (at most {@value #MAX_RESPONSE} characters); null when it could not be reached
     * @param error    why the message was not delivered (a status, the robot's error code, the connection's failure)
     */
    public record TestResult(boolean delivered, int status, String response, String error, long tookMs) {
    }

    private final TenantWebhooks webhooks;
    private final WebhookSender sender;
    private final SecurityIdentity identity;
    private final InterventionConfig config;

    public WebhookAdminResource(TenantWebhooks webhooks, WebhookSender sender, SecurityIdentity identity,
                                InterventionConfig config) {
        this.webhooks = webhooks;
        this.sender = sender;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @APIResponse(responseCode = "200", description = "the tenant's webhooks, by name",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ADMIN_WEBHOOKS, parseValue = true))
    @Operation(operationId = "listWebhooks", summary = "The tenant's chat robots and HTTP receivers, by name",
            description = "Those set through this API (source api) and those of configuration it has not overridden "
                    + "(source config); addresses masked, secrets never shown (secretSet says whether there is one).")
    public Uni<Items<WebhookView>> list() {
        return webhooks.of(Tenants.of(identity)).map(all -> SettingAnswers.items(all, WebhookView::of));
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
        return existing(Tenants.of(identity), name).map(w -> WebhookView.of(name, w));
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
                             @Valid @NotNull WebhookSetting body) {
        String tenant = Tenants.of(identity);
        if (!name.matches(NAME)) {
            throw QueryValues.invalid("name", NAME_MESSAGE);
        }
        String url = Endpoints.endpoint("url", body.url(), config.subscriptions().allowPlainHttp());
        List<String> tiers = body.tiers() == null ? null : body.tiers().stream().distinct().map(Tier::name).toList();
        return webhooks.put(tenant, name, url, body.format(), body.secret(), tiers)
                .flatMap(created -> existing(tenant, name).map(w -> {
                    Log.infof("webhook %s of tenant %s set through the API (%s)", name, tenant, created ? "new" : "replaced");
                    return SettingAnswers.put(created, WebhookView.of(name, w));
                }));
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
        String tenant = Tenants.of(identity);
        return SettingAnswers.deleted(webhooks.delete(tenant, name), webhooks.of(tenant), name, "webhook " + name);
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
        String tenant = Tenants.of(identity);
        String link = config.console().baseUrl() + "/console";
        Webhooks.Message message = new Webhooks.Message("TEST", tenant, null, null, null, null, null, 0, TEST_TITLE,
                "这是一条测试消息：Churn Sentinel 的通知会发到这里。\n\nThis is a test: Churn Sentinel's notifications of "
                        + "tenant " + tenant + " will arrive here (webhook " + name + ").", link);
        return existing(tenant, name).emitOn(Infrastructure.getDefaultWorkerPool()).map(webhook -> {
            long start = System.nanoTime();
            WebhookSender.Answer answer = sender.post(webhook.value(), message);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            String body = answer.body() == null ? null
                    : answer.body().length() > MAX_RESPONSE ? answer.body().substring(0, MAX_RESPONSE) : answer.body();
            return new TestResult(answer.failure() == null, answer.status(), body, answer.failure(), tookMs);
        });
    }

    private Uni<Sourced<InterventionConfig.Webhook>> existing(String tenant, String name) {
        return webhooks.of(tenant).map(all -> SettingAnswers.existing(all, name, "webhook " + name));
    }
}
