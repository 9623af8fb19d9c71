package dev.churnsentinel.intervention.integration;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.intervention.ApiExamples;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.integration.IntegrationEvents.Event;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.api.Pager;
import dev.churnsentinel.platform.api.Paging;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Tag(name = "Subscriptions", description = "Integrators' endpoints told of tier changes and task changes, signed, retried and replayable")
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class SubscriptionResource {
    private static final int MAX_LIMIT = 500;
    private static final List<String> STATUSES = List.of("PENDING", "SENT", "RETRYING", "FAILED");

    public record NewSubscription(@NotBlank @Size(max = 2000) String url,
                                  @NotEmpty List<@NotNull Event> events,
                                  @Size(max = 500) String description) {
    }

    /** A subscription; {@code secret} (what its deliveries are signed with) only in the answer that created it. */
    public record SubscriptionView(UUID id, String url, List<String> events, String description, OffsetDateTime createdAt,
                                   String createdBy, String secret) {
        static SubscriptionView of(Subscription s, boolean withSecret) {
            return new SubscriptionView(s.id, s.url, Arrays.asList(s.events.split(",")), s.description, s.createdAt,
                    s.createdBy, withSecret ? s.secret : null);
        }
    }

    public record DeliveryView(long id, String event, OffsetDateTime occurredAt, String status, int attempt,
                               OffsetDateTime at, OffsetDateTime nextAttemptAt, String error) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id, d.event, d.occurredAt, d.status, d.attempt, d.at,
                    "SENT".equals(d.status) || "FAILED".equals(d.status) ? null : d.nextAttemptAt, d.lastError);
        }
    }

    public record Replay(@NotNull @Positive Long fromId, @NotNull @Positive Long toId) {
    }

    public record Replayed(int requeued) {
    }

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final SecurityIdentity identity;
    private final Pager pager;
    private final InterventionConfig config;

    public SubscriptionResource(SubscriptionStore subscriptions, DeliveryStore deliveries, SecurityIdentity identity,
                                Pager pager, InterventionConfig config) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.identity = identity;
        this.pager = pager;
        this.config = config;
    }

    @APIResponse(responseCode = "201", description = "created (Location: its address); the secret is shown this once",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class),
                    examples = @ExampleObject(name = "created", value = ApiExamples.SUBSCRIPTION_CREATED)))
    @APIResponse(responseCode = "400", description = "a url that is not an absolute https:// address, no events, or a field too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "plainHttp", value = ApiExamples.INVALID_URL)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubscription", description = "Each TIER_CHANGED or TASK_CHANGED event is POSTed to url, "
            + "signed with the secret, retried with back-off if the receiver fails, and kept for replay.",
            summary = "Subscribe an HTTPS endpoint to tier changes and/or task changes; "
            + "the answer holds the signing secret, shown this once")
    public Uni<Response> create(@RequestBody(content = @Content(schema = @Schema(implementation = NewSubscription.class),
            examples = @ExampleObject(name = "crm", value = ApiExamples.NEW_SUBSCRIPTION)))
                                @Valid @NotNull NewSubscription body) {
        String tenant = Tenants.of(identity);
        Set<String> events = new LinkedHashSet<>();
        body.events().forEach(e -> events.add(e.name()));
        String url = Endpoints.endpoint("url", body.url(), config.subscriptions().allowPlainHttp());
        return subscriptions.create(tenant, url, events, body.description(), "api-key:" + tenant)
                .map(s -> Response.created(URI.create("/api/v1/subscriptions/" + s.id)).entity(SubscriptionView.of(s, true)).build());
    }

    @GET
    @APIResponse(responseCode = "200", description = "a page of subscriptions, without their secrets",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.SUBSCRIPTIONS, parseValue = true))
    @APIResponse(responseCode = "400", description = "an invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badCursor", value = ApiExamples.INVALID_CURSOR)))
    @Operation(operationId = "listSubscriptions", summary = "The tenant's subscriptions, oldest first, a page at a time",
            description = "Where each sends, which events, and who created it when; the secrets are never shown "
                    + "again.")
    public Uni<Items<SubscriptionView>> list(@BeanParam Paging paging) {
        String tenant = Tenants.of(identity);
        return pager.page(tenant, paging, 100, MAX_LIMIT, SubscriptionStore.OLDEST_FIRST,
                (after, position, max) -> subscriptions.page(tenant, after, position, max),
                () -> subscriptions.count(tenant)).map(page -> page.map(s -> SubscriptionView.of(s, false)));
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "the subscription",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.SUBSCRIPTION, parseValue = true))
    @APIResponse(responseCode = "404", description = "no such subscription of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.SUBSCRIPTION_NOT_FOUND)))
    @Operation(operationId = "getSubscription", summary = "One subscription (without its secret)",
            description = "Its url, events, description and who created it when.")
    public Uni<SubscriptionView> get(@PathParam("id") String id) {
        return existing(id).map(s -> SubscriptionView.of(s, false));
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such subscription of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.SUBSCRIPTION_NOT_FOUND)))
    @Operation(operationId = "deleteSubscription", summary = "Stop a subscription; its deliveries are removed with it",
            description = "Nothing more is sent to its url, and its deliveries (sent or waiting) are removed.")
    public Uni<Response> delete(@PathParam("id") String id) {
        return subscriptions.delete(Tenants.of(identity), uuid(id)).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("subscription " + id);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/{id}/deliveries")
    @APIResponse(responseCode = "200", description = "a page of deliveries",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.DELIVERIES, parseValue = true))
    @APIResponse(responseCode = "400", description = "an unknown status, or an invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badCursor", value = ApiExamples.INVALID_CURSOR)))
    @APIResponse(responseCode = "404", description = "no such subscription of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.SUBSCRIPTION_NOT_FOUND)))
    @Operation(operationId = "listDeliveries", summary = "A subscription's deliveries in the order they were made, a page at a time",
            description = "Each event sent or to be sent: its status (PENDING, SENT, RETRYING, FAILED), attempts, "
                    + "when the next attempt is due and the last error; the ids are what a replay takes.")
    public Uni<Items<DeliveryView>> deliveries(@PathParam("id") String id,
                                               @Parameter(description = "One status or a comma-separated list: PENDING, SENT, RETRYING, FAILED")
                                               @QueryParam("status") String status, @BeanParam Paging paging) {
        String tenant = Tenants.of(identity);
        Set<String> statuses = QueryValues.anyOf("status", status, STATUSES);
        return existing(id).flatMap(s -> pager.page(tenant, paging, 100, MAX_LIMIT, DeliveryStore.IN_ORDER,
                (after, position, max) -> deliveries.page(tenant, s.id, statuses, after, position, max),
                () -> deliveries.count(tenant, s.id, statuses))).map(page -> page.map(DeliveryView::of));
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "how many deliveries were queued again",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.REPLAYED, parseValue = true))
    @APIResponse(responseCode = "400", description = "fromId or toId missing or not positive, or toId before fromId",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badRange", value = ApiExamples.INVALID_RANGE)))
    @APIResponse(responseCode = "404", description = "no such subscription of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.SUBSCRIPTION_NOT_FOUND)))
    @Operation(operationId = "replayDeliveries", description = "The deliveries with ids fromId to toId are sent again "
            + "with their own delivery ids, so a receiver that keeps the ids it took can ignore those it had.",
            summary = "Send the deliveries fromId to toId again (same delivery ids), "
            + "after an outage of the receiver")
    public Uni<Replayed> replay(@PathParam("id") String id, @RequestBody(content = @Content(schema = @Schema(implementation = Replay.class),
            examples = @ExampleObject(name = "range", value = ApiExamples.REPLAY))) @Valid @NotNull Replay body) {
        if (body.toId() < body.fromId()) {
            throw QueryValues.invalid("toId", "must be at least fromId");
        }
        String tenant = Tenants.of(identity);
        return existing(id).flatMap(s -> deliveries.replay(tenant, s.id, body.fromId(), body.toId())).map(Replayed::new);
    }

    private Uni<Subscription> existing(String id) {
        return subscriptions.find(Tenants.of(identity), uuid(id)).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("subscription " + id);
            }
            return s;
        });
    }

    /** A malformed id cannot name anything of this tenant: 404, like any id that is not theirs. */
    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("subscription " + value);
        }
    }
}
