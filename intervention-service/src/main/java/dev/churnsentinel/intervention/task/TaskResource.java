package dev.churnsentinel.intervention.task;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.churnsentinel.intervention.JsonColumns;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.notify.Notification;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.Pager;
import dev.churnsentinel.platform.api.Paging;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Tag(name = "Tasks", description = "Who must act on which customer, by when, and what was done")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("read")
public class TaskResource {
    private static final int MAX_LIMIT = 500;

    public record AssigneeView(String id, String name, String role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskView(UUID id, String customerId, String tier, String kind, String playbook, int playbookVersion,
                           String status, AssigneeView assignee, String escalateTo, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt, OffsetDateTime dueAt, OffsetDateTime acknowledgeBy,
                           int escalationLevel, AssigneeView escalatedTo, boolean overdue, TaskReason reason,
                           List<String> guidance, OffsetDateTime acknowledgedAt, OffsetDateTime startedAt,
                           OffsetDateTime resolvedAt, String outcome, String rootCause, String actions, BigDecimal cost,
                           String exitReason) {

        /** The task as the API shows it. */
        public static TaskView of(Task t, JsonColumns json) {
            return new TaskView(t.id, t.customerId, t.tier, t.kind, t.playbook, t.playbookVersion, t.status,
                    new AssigneeView(t.assigneeId, t.assigneeName, t.assigneeRole), t.escalateTo, t.createdAt,
                    t.updatedAt, t.dueAt, t.acknowledgeBy, t.escalationLevel,
                    t.escalatedToRole == null ? null : new AssigneeView(t.escalatedToId, t.escalatedToName, t.escalatedToRole),
                    Task.OPEN_STATUSES.contains(t.status) && t.dueAt.isBefore(OffsetDateTime.now()),
                    json.reason(t), json.guidance(t), t.acknowledgedAt, t.startedAt, t.resolvedAt, t.outcome, t.rootCause,
                    t.actions, t.cost, t.exitReason);
        }
    }

    /**
     * One notification. {@code status} HELD: a task e-mail waiting for its person's digest (an alert storm); DIGESTED:
     * carried by the digest {@code digestId}. A digest has event DIGEST and no {@code taskId}.
     */
    public record NotificationView(UUID id, UUID taskId, String event, String channel, String recipient, String subject,
                                   String status, int attempt, OffsetDateTime at, String error, UUID digestId) {
    }

    /** One entry of the audit trail. */
    public record HistoryView(OffsetDateTime at, String actor, String type, JsonNode detail) {
    }

    /** Who did it, for the audit trail; when absent, the API key's tenant. */
    public record By(String by) {
    }

    public record Reassign(@NotBlank @Size(max = 200) String assigneeId, @Size(max = 200) String name,
                           @Email @Size(max = 320) String email,
                           @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}", message = "must be a role such as SENIOR_MANAGER") String role,
                           @Size(max = 200) String by) {
    }

    public record Resolve(@NotNull TaskLifecycle.Outcome outcome, @Size(max = 4000) String rootCause,
                          @Size(max = 4000) String actions, @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal cost,
                          @Size(max = 64) String exitReason, @Size(max = 4000) String note, @Size(max = 200) String by) {
    }

    public record Cancel(@NotBlank @Size(max = 2000) String reason, @Size(max = 200) String by) {
    }

    public record Comment(@NotBlank @Size(max = 4000) String text, @Size(max = 200) String by) {
    }

    private final TaskQueries queries;
    private final TaskCommands commands;
    private final SecurityIdentity identity;
    private final JsonColumns json;
    private final ObjectMapper mapper;
    private final Pager pager;

    public TaskResource(TaskQueries queries, TaskCommands commands, SecurityIdentity identity, JsonColumns json,
                        ObjectMapper mapper, Pager pager) {
        this.pager = pager;
        this.queries = queries;
        this.commands = commands;
        this.identity = identity;
        this.json = json;
        this.mapper = mapper;
    }

    @POST
    @Path("/tasks/{id}/acknowledge")
    @RolesAllowed("manage")
    @Operation(operationId = "acknowledgeTask", summary = "Acknowledge a task (stops its acknowledge-by clock)")
    public Uni<TaskView> acknowledge(@PathParam("id") String id, String body) {
        return commands.acknowledge(Tenants.of(identity), uuid(id, "task " + id), actor(optionalBy(body))).map(this::view);
    }

    @POST
    @Path("/tasks/{id}/start")
    @RolesAllowed("manage")
    @Operation(operationId = "startTask", summary = "Mark a task as being worked on")
    public Uni<TaskView> start(@PathParam("id") String id, String body) {
        return commands.start(Tenants.of(identity), uuid(id, "task " + id), actor(optionalBy(body))).map(this::view);
    }

    @POST
    @Path("/tasks/{id}/reassign")
    @RolesAllowed("manage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reassignTask", summary = "Give a task to someone else")
    public Uni<TaskView> reassign(@PathParam("id") String id, @Valid @NotNull Reassign body) {
        return commands.reassign(Tenants.of(identity), uuid(id, "task " + id),
                new TaskCommands.Person(body.assigneeId(), body.name(), body.email(), body.role()), actor(body.by()))
                .map(this::view);
    }

    @POST
    @Path("/tasks/{id}/resolve")
    @RolesAllowed("manage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveTask", summary = "Close a task with its outcome")
    public Uni<TaskView> resolve(@PathParam("id") String id, @Valid @NotNull Resolve body) {
        return commands.resolve(Tenants.of(identity), uuid(id, "task " + id), new TaskCommands.Resolution(body.outcome(),
                        body.rootCause(), body.actions(), body.cost(), body.exitReason(), body.note()), actor(body.by()))
                .map(this::view);
    }

    @POST
    @Path("/tasks/{id}/cancel")
    @RolesAllowed("manage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelTask", summary = "Cancel a task, with the reason")
    public Uni<TaskView> cancel(@PathParam("id") String id, @Valid @NotNull Cancel body) {
        return commands.cancel(Tenants.of(identity), uuid(id, "task " + id), body.reason(), actor(body.by())).map(this::view);
    }

    @POST
    @Path("/tasks/{id}/comments")
    @RolesAllowed("manage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "commentOnTask", summary = "Add a note to a task's audit trail")
    public Uni<Response> comment(@PathParam("id") String id, @Valid @NotNull Comment body) {
        return commands.comment(Tenants.of(identity), uuid(id, "task " + id), body.text(), actor(body.by()))
                .map(task -> Response.status(Response.Status.CREATED).entity(view(task)).build());
    }

    @GET
    @Path("/tasks/{id}/history")
    @Operation(operationId = "listTaskHistory", summary = "A task's audit trail, in order, a page at a time")
    public Uni<Items<HistoryView>> history(@PathParam("id") String id, @BeanParam Paging paging) {
        String tenant = Tenants.of(identity);
        UUID task = uuid(id, "task " + id);
        return queries.task(tenant, task).flatMap(found -> {
            if (found == null) {
                throw ProblemException.notFound("task " + id);
            }
            return pager.page(tenant, paging, 100, MAX_LIMIT, TaskQueries.EVENTS_IN_ORDER,
                    (after, position, max) -> queries.history(tenant, task, after, position, max),
                    () -> queries.countHistory(tenant, task));
        }).map(page -> page.map(this::view));
    }

    /**
     * Acknowledge and start need no body (a bare {@code curl -X POST} works); a JSON body may say who did it:
     * {@code {"by": "周总"}}.
     */
    private String optionalBy(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        By by;
        try {
            by = mapper.readValue(body, By.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("body", "must be empty or {\"by\": \"who\"}")));
        }
        if (by.by() != null && by.by().length() > 200) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("by", "must be at most 200 characters")));
        }
        return by.by();
    }

    private String actor(String by) {
        return by == null || by.isBlank() ? "api-key:" + Tenants.of(identity) : by.trim();
    }

    /**
     * Tasks a page at a time, soonest due first; {@code sort=updatedAt} with {@code updatedSince} fetches what changed
     * since a previous sync.
     */
    @GET
    @Path("/tasks")
    @Operation(operationId = "listTasks", summary = "Tasks, a page at a time; filters and a sync order")
    public Uni<Items<TaskView>> tasks(@BeanParam TaskListParameters list, @BeanParam Paging paging) {
        String tenant = Tenants.of(identity);
        TaskQueries.Filter filter = list.filter();
        Keyset<Task> order = list.order();
        return pager.page(tenant, paging, 100, MAX_LIMIT, order,
                        (after, position, max) -> queries.tasks(tenant, filter, order, after, position, max),
                        () -> queries.countTasks(tenant, filter))
                .map(page -> page.map(this::view));
    }

    @GET
    @Path("/tasks/{id}")
    @Operation(operationId = "getTask", summary = "One task")
    public Uni<TaskView> task(@PathParam("id") String id) {
        return queries.task(Tenants.of(identity), uuid(id, "task " + id)).map(task -> {
            if (task == null) {
                throw ProblemException.notFound("task " + id);
            }
            return view(task);
        });
    }

    /** Every notification attempt, newest first; filters and {@code sort=updatedAt} for a sync as for tasks. */
    @GET
    @Path("/notifications")
    @Operation(operationId = "listNotifications", summary = "Every notification and where its delivery stands, a page at a time")
    public Uni<Items<NotificationView>> notifications(@BeanParam NotificationListParameters list, @BeanParam Paging paging) {
        String tenant = Tenants.of(identity);
        TaskQueries.NotificationFilter filter = list.filter();
        Keyset<Notification> order = list.order();
        return pager.page(tenant, paging, 100, MAX_LIMIT, order,
                        (after, position, max) -> queries.notifications(tenant, filter, order, after, position, max),
                        () -> queries.countNotifications(tenant, filter))
                .map(page -> page.map(TaskResource::view));
    }

    private TaskView view(Task t) {
        return TaskView.of(t, json);
    }

    private HistoryView view(TaskEvent e) {
        try {
            return new HistoryView(e.at, e.actor, e.type, mapper.readTree(e.detail));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static NotificationView view(Notification n) {
        return new NotificationView(n.id, n.taskId, n.event, n.channel, n.recipient, n.subject, n.status, n.attempt, n.at,
                n.lastError, n.digestId);
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
