package dev.churnsentinel.intervention.task;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.intervention.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.churnsentinel.intervention.JsonColumns;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.Pager;
import dev.churnsentinel.platform.api.Paging;
import dev.churnsentinel.platform.auth.Principals;
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
                    t.readReason(json), t.readGuidance(json), t.acknowledgedAt, t.startedAt, t.resolvedAt, t.outcome, t.rootCause,
                    t.actions, t.cost, t.exitReason);
        }
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
    @APIResponse(responseCode = "200", description = "the task, ACKNOWLEDGED",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.ACKNOWLEDGED, parseValue = true))
    @APIResponse(responseCode = "400", description = "a body that is neither empty nor {\"by\": \"who\"}",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badBody", value = ApiExamples.INVALID_BY)))
    @APIResponse(responseCode = "404", description = "no such task of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.TASK_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "the task is not OPEN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "notOpen", value = ApiExamples.ILLEGAL_TRANSITION)))
    @Operation(operationId = "acknowledgeTask", summary = "Acknowledge a task (stops its acknowledge-by clock)",
            description = "The assignee has seen the task: an OPEN task becomes ACKNOWLEDGED and will not escalate "
                    + "for want of acknowledgement (it still escalates if not resolved by dueAt). No body is needed.")
    public Uni<TaskView> acknowledge(@PathParam("id") String id,
            @RequestBody(required = false, description = "optional: who did it, for the audit trail (else the API key's tenant)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = By.class),
                            examples = @ExampleObject(name = "by", value = ApiExamples.BY))) String body) {
        return commands.acknowledge(Tenants.of(identity), uuid(id, "task " + id), actor(optionalBy(body))).map(this::view);
    }

    @POST
    @Path("/tasks/{id}/start")
    @RolesAllowed("manage")
    @APIResponse(responseCode = "200", description = "the task, IN_PROGRESS")
    @APIResponse(responseCode = "400", description = "a body that is neither empty nor {\"by\": \"who\"}",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badBody", value = ApiExamples.INVALID_BY)))
    @APIResponse(responseCode = "404", description = "no such task of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.TASK_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "the task is not OPEN or ACKNOWLEDGED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "alreadyStarted", value = ApiExamples.ILLEGAL_START)))
    @Operation(operationId = "startTask", summary = "Mark a task as being worked on",
            description = "An OPEN or ACKNOWLEDGED task becomes IN_PROGRESS (starting also counts as acknowledging). "
                    + "No body is needed.")
    public Uni<TaskView> start(@PathParam("id") String id,
            @RequestBody(required = false, description = "optional: who did it, for the audit trail (else the API key's tenant)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = By.class),
                            examples = @ExampleObject(name = "by", value = ApiExamples.BY))) String body) {
        return commands.start(Tenants.of(identity), uuid(id, "task " + id), actor(optionalBy(body))).map(this::view);
    }

    @POST
    @Path("/tasks/{id}/reassign")
    @RolesAllowed("manage")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the task with its new assignee, who is told by e-mail")
    @APIResponse(responseCode = "400", description = "an invalid field, or a person who is neither a contact of the customer "
            + "nor a tenant default and comes without name and email",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknownPerson", value = ApiExamples.INVALID_REASSIGN)))
    @APIResponse(responseCode = "404", description = "no such task of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.TASK_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "the task is RESOLVED or CANCELLED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "closed", value = ApiExamples.ILLEGAL_CLOSE)))
    @Operation(operationId = "reassignTask", summary = "Give a task to someone else",
            description = "assigneeId names one of the customer's contacts or a tenant default; anyone else needs "
                    + "name and email (role optional, else the task's). The new assignee is told by e-mail.")
    public Uni<TaskView> reassign(@PathParam("id") String id, @RequestBody(content = @Content(schema = @Schema(implementation = Reassign.class),
            examples = @ExampleObject(name = "newPerson", summary = "a regional director who is not on the customer's profile",
                    value = ApiExamples.REASSIGN))) @Valid @NotNull Reassign body) {
        return commands.reassign(Tenants.of(identity), uuid(id, "task " + id),
                new TaskCommands.Person(body.assigneeId(), body.name(), body.email(), body.role()), actor(body.by()))
                .map(this::view);
    }

    @POST
    @Path("/tasks/{id}/resolve")
    @RolesAllowed("manage")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the task, RESOLVED",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.RESOLVED, parseValue = true))
    @APIResponse(responseCode = "400", description = "an invalid field; for an EXIT_SURVEY task, an exitReason that is not "
            + "one of the playbook's reason codes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badOutcome", value = ApiExamples.INVALID_RESOLVE)))
    @APIResponse(responseCode = "404", description = "no such task of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.TASK_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "the task is RESOLVED or CANCELLED already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "closed", value = ApiExamples.ILLEGAL_CLOSE)))
    @Operation(operationId = "resolveTask", summary = "Close a task with its outcome",
            description = "outcome RETAINED, CHURNED, FALSE_ALARM or PASSIVE_CHURN, with the root cause, the "
                    + "actions taken and their cost (for the retention report). CHURNED opens an EXIT_SURVEY task, which is "
                    + "resolved with an exitReason code from the playbook.")
    public Uni<TaskView> resolve(@PathParam("id") String id,
                                 @RequestBody(content = @Content(schema = @Schema(implementation = Resolve.class), examples = {
                                         @ExampleObject(name = "retained", value = ApiExamples.RESOLVE),
                                         @ExampleObject(name = "exitSurvey", summary = "an EXIT_SURVEY task",
                                                 value = ApiExamples.RESOLVE_EXIT_SURVEY)}))
                                 @Valid @NotNull Resolve body) {
        return commands.resolve(Tenants.of(identity), uuid(id, "task " + id), new TaskCommands.Resolution(body.outcome(),
                        body.rootCause(), body.actions(), body.cost(), body.exitReason(), body.note()), actor(body.by()))
                .map(this::view);
    }

    @POST
    @Path("/tasks/{id}/cancel")
    @RolesAllowed("manage")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the task, CANCELLED")
    @APIResponse(responseCode = "400", description = "no reason, or a field too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "noReason", value = ApiExamples.INVALID_REASON)))
    @APIResponse(responseCode = "404", description = "no such task of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.TASK_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "the task is RESOLVED or CANCELLED already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "closed", value = ApiExamples.ILLEGAL_CLOSE)))
    @Operation(operationId = "cancelTask", summary = "Cancel a task, with the reason",
            description = "An open task that is not to be worked after all becomes CANCELLED; the retention report "
                    + "counts it apart from the resolved ones. The reason goes into the audit trail.")
    public Uni<TaskView> cancel(@PathParam("id") String id, @RequestBody(content = @Content(schema = @Schema(implementation = Cancel.class),
            examples = @ExampleObject(name = "handledElsewhere", value = ApiExamples.CANCEL)))
                                  @Valid @NotNull Cancel body) {
        return commands.cancel(Tenants.of(identity), uuid(id, "task " + id), body.reason(), actor(body.by())).map(this::view);
    }

    @POST
    @Path("/tasks/{id}/comments")
    @RolesAllowed("manage")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "the note was added; the task as it stands",
            content = @Content(schema = @Schema(implementation = TaskView.class),
                    examples = @ExampleObject(name = "task", value = ApiExamples.TASK)))
    @APIResponse(responseCode = "400", description = "no text, or a field too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "noText", value = ApiExamples.INVALID_TEXT)))
    @APIResponse(responseCode = "404", description = "no such task of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.TASK_NOT_FOUND)))
    @Operation(operationId = "commentOnTask", summary = "Add a note to a task's audit trail",
            description = "A note in the task's history (up to 4,000 characters), in any status; it changes "
                    + "nothing else.")
    public Uni<Response> comment(@PathParam("id") String id, @RequestBody(content = @Content(schema = @Schema(implementation = Comment.class),
            examples = @ExampleObject(name = "meeting", value = ApiExamples.COMMENT))) @Valid @NotNull Comment body) {
        return commands.comment(Tenants.of(identity), uuid(id, "task " + id), body.text(), actor(body.by()))
                .map(task -> Response.status(Response.Status.CREATED).entity(view(task)).build());
    }

    @GET
    @Path("/tasks/{id}/history")
    @APIResponse(responseCode = "200", description = "a page of the history, oldest first",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.HISTORY, parseValue = true))
    @APIResponse(responseCode = "400", description = "an invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badCursor", value = ApiExamples.INVALID_CURSOR)))
    @APIResponse(responseCode = "404", description = "no such task of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.TASK_NOT_FOUND)))
    @Operation(operationId = "listTaskHistory", summary = "A task's audit trail, in order, a page at a time",
            description = "Every change: CREATED, UPGRADED, ASSIGNED, ACKNOWLEDGED, STARTED, REASSIGNED, COMMENTED, "
                    + "ESCALATED, RESOLVED, CANCELLED, with who did it and the details.")
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

    /**
     * Who did it, for the audit trail: the caller's key (its name, or the tenant's bootstrap key), and the person the
     * body names, as the caller's claim: {@code key:crm-sync (csk_7Qm2xK9a) on behalf of 周总}.
     */
    private String actor(String by) {
        String caller = Principals.by(identity);
        return by == null || by.isBlank() ? caller : caller + " on behalf of " + by.trim();
    }

    /**
     * Tasks a page at a time, soonest due first; {@code sort=updatedAt} with {@code updatedSince} fetches what changed
     * since a previous sync.
     */
    @GET
    @Path("/tasks")
    @APIResponse(responseCode = "200", description = "a page of tasks; nextCursor null on the last",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.TASKS, parseValue = true))
    @APIResponse(responseCode = "400", description = "an invalid filter, sort, cursor or limit, or an unknown query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badStatus", value = ApiExamples.INVALID_LIST)))
    @Operation(operationId = "listTasks", summary = "Tasks, a page at a time; filters and a sync order",
            description = "Soonest due first by default. Filters: customerId, tier, kind, status (each one value or "
                    + "a comma-separated list), assigneeId, overdue, escalated, created and updated periods. sort=updatedAt "
                    + "with updatedSince fetches what changed since a previous sync; repeat with cursor=nextCursor.")
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
    @APIResponse(responseCode = "200", description = "the task",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = ApiExamples.TASK, parseValue = true))
    @APIResponse(responseCode = "404", description = "no such task of this tenant (a malformed id too)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.TASK_NOT_FOUND)))
    @Operation(operationId = "getTask", summary = "One task",
            description = "Its status, assignee, deadlines (acknowledgeBy, dueAt, overdue), escalation, the reason "
                    + "it was opened (score, signals, the customer's own words), the talk-track and, once closed, the outcome.")
    public Uni<TaskView> task(@PathParam("id") String id) {
        return queries.task(Tenants.of(identity), uuid(id, "task " + id)).map(task -> {
            if (task == null) {
                throw ProblemException.notFound("task " + id);
            }
            return view(task);
        });
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

    /** A malformed id cannot name anything of this tenant: 404, like any id that is not theirs. */
    private static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what);
        }
    }
}
