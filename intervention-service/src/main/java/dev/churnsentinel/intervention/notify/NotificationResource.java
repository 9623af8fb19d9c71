package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.ApiExamples;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.Pager;
import dev.churnsentinel.platform.api.Paging;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.UUID;

@Tag(name = "Tasks")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class NotificationResource {
    private static final int MAX_LIMIT = 500;

    /**
     * One notification. A digest has event DIGEST and no {@code taskId}; it is HELD while it waits to be sent (an alert
     * storm), then goes as any e-mail. A task e-mail it carries is DIGESTED with its {@code digestId} from when it was
     * held; one briefly HELD is on its way into a digest of its own.
     */
    public record NotificationView(UUID id, UUID taskId, String event, String channel, String recipient, String subject,
                                   String status, int attempt, OffsetDateTime at, String error, UUID digestId) {
    }

    private final NotificationStore store;
    private final SecurityIdentity identity;
    private final Pager pager;

    public NotificationResource(NotificationStore store, SecurityIdentity identity, Pager pager) {
        this.store = store;
        this.identity = identity;
        this.pager = pager;
    }

    /** Every notification attempt, newest first; filters and {@code sort=updatedAt} for a sync as for tasks. */
    @GET
    @Path("/notifications")
    @APIResponse(responseCode = "200", description = "a page of notifications",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.NOTIFICATIONS, parseValue = true))
    @APIResponse(responseCode = "400", description = "an invalid filter, sort, cursor or limit, or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badCursor", value = ApiExamples.INVALID_CURSOR)))
    @Operation(operationId = "listNotifications", summary = "Every notification and where its delivery stands, a page at a time",
            description = "Each task e-mail and digest with its recipient, status (PENDING, SENT, RETRYING, FAILED, "
                    + "HELD, DIGESTED), attempts and last error; newest first, or with taskId a task's story in order.")
    public Uni<Items<NotificationView>> notifications(@BeanParam NotificationListParameters list, @BeanParam Paging paging) {
        String tenant = Tenants.of(identity);
        NotificationStore.Filter filter = list.filter();
        Keyset<Notification> order = list.order();
        return pager.page(tenant, paging, 100, MAX_LIMIT, order,
                        (after, position, max) -> store.notifications(tenant, filter, order, after, position, max),
                        () -> store.count(tenant, filter))
                .map(page -> page.map(NotificationResource::view));
    }

    private static NotificationView view(Notification n) {
        return new NotificationView(n.id, n.taskId, n.event, n.channel, n.recipient, n.subject, n.status, n.attempt, n.at,
                n.lastError, n.digestId);
    }
}
