package dev.churnsentinel.intervention.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.notify.Notification;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class TaskResource {
    private static final int MAX_LIMIT = 500;
    private static final Set<String> TIERS = Set.of("GREEN", "YELLOW", "ORANGE", "RED");
    private static final Set<String> STATUSES = Set.of("OPEN", "ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED", "CANCELLED");

    public record AssigneeView(String id, String name, String role) {
    }

    public record TaskView(UUID id, String customerId, String tier, String kind, String playbook, int playbookVersion,
                           String status, AssigneeView assignee, String escalateTo, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt, OffsetDateTime dueAt, OffsetDateTime acknowledgeBy,
                           int escalationLevel, boolean overdue, TaskReason reason, List<String> guidance) {
    }

    public record NotificationView(UUID id, UUID taskId, String channel, String recipient, String subject, String status,
                                   int attempt, OffsetDateTime at, String error) {
    }

    private final TaskQueries queries;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public TaskResource(TaskQueries queries, SecurityIdentity identity, ObjectMapper json) {
        this.queries = queries;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Path("/tasks")
    public Uni<Items<TaskView>> tasks(@QueryParam("customerId") String customerId, @QueryParam("tier") String tier,
                                      @QueryParam("status") String status, @QueryParam("assigneeId") String assigneeId,
                                      @QueryParam("overdue") Boolean overdue,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        TaskQueries.Filter filter = new TaskQueries.Filter(customerId, oneOf("tier", tier, TIERS),
                oneOf("status", status, STATUSES), assigneeId, overdue);
        return queries.tasks(Tenants.of(identity), filter, Items.limit(limit, MAX_LIMIT))
                .map(tasks -> Items.of(tasks.stream().map(this::view).toList()));
    }

    @GET
    @Path("/tasks/{id}")
    public Uni<TaskView> task(@PathParam("id") String id) {
        return queries.task(Tenants.of(identity), uuid(id, "task " + id)).map(task -> {
            if (task == null) {
                throw ProblemException.notFound("task " + id);
            }
            return view(task);
        });
    }

    @GET
    @Path("/notifications")
    public Uni<Items<NotificationView>> notifications(@QueryParam("taskId") String taskId,
                                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        UUID task = taskId == null || taskId.isBlank() ? null : uuid(taskId, "task " + taskId);
        return queries.notifications(Tenants.of(identity), task, Items.limit(limit, MAX_LIMIT))
                .map(list -> Items.of(list.stream().map(TaskResource::view).toList()));
    }

    private TaskView view(Task t) {
        try {
            return new TaskView(t.id, t.customerId, t.tier, t.kind, t.playbook, t.playbookVersion, t.status,
                    new AssigneeView(t.assigneeId, t.assigneeName, t.assigneeRole), t.escalateTo, t.createdAt,
                    t.updatedAt, t.dueAt, t.acknowledgeBy, t.escalationLevel,
                    Task.OPEN_STATUSES.contains(t.status) && t.dueAt.isBefore(OffsetDateTime.now()),
                    json.readValue(t.reason, TaskReason.class), json.readValue(t.guidance, TaskService.Guidance.class).lines());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NotificationView view(Notification n) {
        return new NotificationView(n.id, n.taskId, n.channel, n.recipient, n.subject, n.status, n.attempt, n.at, n.lastError);
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(field, "must be one of " + allowed)));
        }
        return upper;
    }

    /** A malformed id cannot name anything of this tenant: 404, like any id that is not theirs. */
    private static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what);
        }
    }
}
