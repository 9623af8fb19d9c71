package dev.churnsentinel.intervention.console;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.customer.CustomerProfile;
import dev.churnsentinel.intervention.notify.NotificationStore;
import dev.churnsentinel.intervention.playbook.PlaybookStore;
import dev.churnsentinel.intervention.task.Task;
import dev.churnsentinel.intervention.task.TaskCommands;
import dev.churnsentinel.intervention.task.TaskEvent;
import dev.churnsentinel.intervention.task.TaskLifecycle;
import dev.churnsentinel.intervention.task.TaskQueries;
import dev.churnsentinel.platform.ids.CustomerIds;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The manager console: my queue, a task with everything needed to call the customer and its actions, a customer's
 * timeline. Pages for people, so errors are pages too; every POST needs the session's CSRF token.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {
    private static final int QUEUE_LIMIT = 200;
    private static final Set<String> TIERS = Set.of("GREEN", "YELLOW", "ORANGE", "RED");
    private static final Set<String> STATUSES = Set.of("OPEN", "ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED", "CANCELLED");
    private static final Set<String> KINDS = Set.of("RESCUE", "INTERVENE", "CARE", "EXIT_SURVEY");

    private final Viewers viewers;
    private final TaskQueries queries;
    private final NotificationStore notifications;
    private final TaskCommands commands;
    private final ContactBook contacts;
    private final Scoring scoring;
    private final PlaybookStore playbooks;
    private final JsonColumns json;
    private final SignInFlow signIn;
    private final ZoneId zone;

    public ConsoleResource(Viewers viewers, TaskQueries queries, NotificationStore notifications, TaskCommands commands,
                           ContactBook contacts, Scoring scoring, PlaybookStore playbooks, JsonColumns json,
                           SignInFlow signIn, InterventionConfig config) {
        this.viewers = viewers;
        this.queries = queries;
        this.notifications = notifications;
        this.commands = commands;
        this.contacts = contacts;
        this.scoring = scoring;
        this.playbooks = playbooks;
        this.json = json;
        this.signIn = signIn;
        this.zone = ZoneId.of(config.timeZone());
    }

    @GET
    public Uni<Object> queue(@BeanParam ConsoleRequest request, @QueryParam("t") String token,
                             @QueryParam("scope") String scope, @QueryParam("tier") String tier,
                             @QueryParam("status") String status, @QueryParam("kind") String kind,
                             @QueryParam("overdue") boolean overdue, @QueryParam("assignee") String assignee,
                             @Context HttpServerRequest http) {
        if (token != null) {
            return signIn.open(token, request, null, null, client(http)).map(r -> r);
        }
        return viewers.require(request, "/console").flatMap(viewer -> queuePage(viewer, scope, tier, status, kind,
                overdue, assignee)).map(page -> Pages.queue(page.viewer(), page.page()).setLocale(request.locale()));
    }

    /** The rows alone, for the queue's polling and its filters. */
    @GET
    @Path("/rows")
    public Uni<TemplateInstance> rows(@BeanParam ConsoleRequest request, @QueryParam("scope") String scope,
                                      @QueryParam("tier") String tier, @QueryParam("status") String status,
                                      @QueryParam("kind") String kind, @QueryParam("overdue") boolean overdue,
                                      @QueryParam("assignee") String assignee) {
        return viewers.require(request, "/console").flatMap(viewer -> queuePage(viewer, scope, tier, status, kind,
                overdue, assignee)).map(page -> Pages.queue$rows(page.viewer(), page.page()).setLocale(request.locale()));
    }

    private record Rendered(Viewer viewer, Views.QueuePage page) {
    }

    private Uni<Rendered> queuePage(Viewer viewer, String scopeAsked, String tier, String status, String kind, boolean overdue,
                                    String assignee) {
        Reach.Scope scope = Reach.scope(viewer.role(), scopeAsked);
        Views.Filter filter = new Views.Filter(scope.name(), oneOf(tier, TIERS), oneOf(status, STATUSES), oneOf(kind, KINDS),
                overdue, assignee == null || assignee.isBlank() ? null : assignee.trim());
        Uni<List<String>> team = scope == Reach.Scope.TEAM ? contacts.customersOf(viewer.tenant(), viewer.email())
                : Uni.createFrom().item(List.of());
        return team.flatMap(customers -> {
            TaskQueries.Queue q = new TaskQueries.Queue(filter.tier(), filter.status(), filter.kind(), overdue,
                    filter.assignee(), scope == Reach.Scope.ALL ? null : viewer.email(),
                    scope == Reach.Scope.TEAM ? customers : null);
            return queries.queue(viewer.tenant(), q, QUEUE_LIMIT).flatMap(tasks -> queries.queueSize(viewer.tenant(), q)
                    .flatMap(total -> names(viewer.tenant(), tasks).map(names -> {
                        Instant now = Instant.now();
                        List<Views.TaskRow> rows = tasks.stream()
                                .map(t -> Views.row(t, names.get(t.customerId), zone, now)).toList();
                        return new Rendered(viewer, new Views.QueuePage(filter,
                                Reach.scopes(viewer.role()).stream().map(Enum::name).toList(), rows, total, now.toString()));
                    })));
        });
    }

    private Uni<Map<String, String>> names(String tenant, List<Task> tasks) {
        return contacts.names(tenant, tasks.stream().map(t -> t.customerId).distinct().toList());
    }

    @GET
    @Path("/tasks/{id}")
    public Uni<Object> task(@PathParam("id") String id, @BeanParam ConsoleRequest request, @QueryParam("t") String token,
                            @QueryParam("do") String action, @Context HttpServerRequest http) {
        Locale locale = request.locale();
        UUID taskId = uuid(id);
        if (token != null) {
            return signIn.open(token, request, taskId, action, client(http)).map(r -> r);
        }
        String next = "/console/tasks/" + id + ("acknowledge".equals(action) ? "?do=acknowledge" : "");
        return viewers.require(request, next)
                .flatMap(viewer -> visible(viewer, taskId).flatMap(task -> taskPage(viewer, task, null,
                        "acknowledge".equals(action) && "OPEN".equals(task.status) ? "confirm_acknowledge" : null))
                        .map(page -> Pages.task(viewer, page).setLocale(locale)));
    }

    @POST
    @Path("/tasks/{id}/{action:acknowledge|start|comment|reassign|resolve|cancel}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> act(@PathParam("id") String id, @PathParam("action") String action,
                             @BeanParam ConsoleRequest request,
                             @FormParam("text") String text, @FormParam("assigneeId") String assigneeId,
                             @FormParam("name") String name, @FormParam("email") String email,
                             @FormParam("outcome") String outcome, @FormParam("rootCause") String rootCause,
                             @FormParam("actions") String actions, @FormParam("cost") String cost,
                             @FormParam("exitReason") String exitReason, @FormParam("reason") String reason) {
        Locale locale = request.locale();
        UUID taskId = uuid(id);
        return viewers.acting(request, "/console/tasks/" + id).flatMap(viewer -> visible(viewer, taskId)
                .flatMap(task -> {
                    Uni<Task> done = switch (action) {
                        case "acknowledge" -> commands.acknowledge(viewer.tenant(), taskId, viewer.actor());
                        case "start" -> commands.start(viewer.tenant(), taskId, viewer.actor());
                        case "comment" -> Forms.required("text", text, 4000)
                                .chain(t -> commands.comment(viewer.tenant(), taskId, t, viewer.actor()));
                        case "reassign" -> Forms.person(assigneeId, name, email)
                                .chain(p -> commands.reassign(viewer.tenant(), taskId, p, viewer.actor()));
                        case "resolve" -> Forms.resolution(outcome, rootCause, actions, cost, exitReason)
                                .chain(r -> commands.resolve(viewer.tenant(), taskId, r, viewer.actor()));
                        default -> Forms.required("reason", reason, 2000)
                                .chain(r -> commands.cancel(viewer.tenant(), taskId, r, viewer.actor()));
                    };
                    return done.flatMap(after -> taskPage(viewer, after, null, "done_" + action)
                                    .map(page -> panel(viewer, page, locale, 200)))
                            .onFailure(ProblemException.class).recoverWithUni(e -> queries.task(viewer.tenant(), taskId)
                                    .flatMap(current -> taskPage(viewer, current, Forms.message((ProblemException) e), null))
                                    .map(page -> panel(viewer, page, locale, ((ProblemException) e).problem().status())));
                }));
    }

    private static Response panel(Viewer viewer, Views.TaskPage page, Locale locale, int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.task$panel(viewer, page).setLocale(locale).render()).build();
    }

    @GET
    @Path("/customers/{id}")
    public Uni<TemplateInstance> customer(@PathParam("id") String customerId, @BeanParam ConsoleRequest request) {
        return viewers.require(request, "/console/customers/" + customerId).flatMap(viewer -> {
            if (!CustomerIds.valid(customerId)) { // names nothing, and must not reach the database
                throw new Viewers.NotFound("customer " + customerId);
            }
            Uni<Boolean> allowed = viewer.role() != Reach.Role.MEMBER ? Uni.createFrom().item(true)
                    : contacts.customersOf(viewer.tenant(), viewer.email()).flatMap(mine -> mine.contains(customerId)
                    ? Uni.createFrom().item(true)
                    : queries.ofCustomer(viewer.tenant(), customerId, 50).map(tasks -> tasks.stream().anyMatch(t ->
                    Reach.canSee(viewer.role(), viewer.email(), t.assigneeEmail, t.escalatedToEmail, false))));
            return allowed.flatMap(ok -> {
                if (!ok) {
                    throw new Viewers.NotFound("customer " + customerId);
                }
                return customerPage(viewer, customerId);
            }).map(page -> Pages.customer(viewer, page).setLocale(request.locale()));
        });
    }

    private Uni<Views.CustomerPage> customerPage(Viewer viewer, String customerId) {
        String tenant = viewer.tenant();
        return contacts.profile(tenant, customerId).flatMap(profile -> contacts.people(tenant, customerId)
                .flatMap(people -> queries.ofCustomer(tenant, customerId, 50)
                        .flatMap(tasks -> scoring.health(tenant, customerId).flatMap(health -> scoring.history(tenant, customerId)
                                .map(history -> {
                                    if (profile == null && tasks.isEmpty() && health.value().isEmpty()) {
                                        throw new Viewers.NotFound("customer " + customerId);
                                    }
                                    List<Views.TimelineEntry> timeline = new ArrayList<>();
                                    history.value().orElse(List.of()).forEach(h -> timeline.add(new Views.TimelineEntry(
                                            Views.when(h.computedAt(), zone), "SCORE", h.tier(),
                                            Math.round(h.riskScore()) + " · " + h.stage(), Views.words(h.overrides()), null)));
                                    tasks.forEach(t -> timeline.add(new Views.TimelineEntry(Views.when(t.createdAt, zone), "TASK",
                                            t.tier, t.kind + " · " + t.status, List.of(), "/console/tasks/" + t.id)));
                                    timeline.sort(Comparator.comparing(Views.TimelineEntry::at).reversed());
                                    CustomerProfile p = profile;
                                    return new Views.CustomerPage(customerId, p == null ? null : p.name,
                                            p == null ? null : p.valueTier, p == null || p.annualValue == null ? null
                                            : p.annualValue.stripTrailingZeros().toPlainString(),
                                            health.value().map(h -> Views.score(h, zone)).orElse(null),
                                            Views.history(history.value().orElse(List.of()), zone), people, timeline,
                                            health.available());
                                })))));
    }

    /** The task, when the viewer may see it; else {@link Viewers.NotFound}, as for a task that does not exist. */
    private Uni<Task> visible(Viewer viewer, UUID taskId) {
        return queries.task(viewer.tenant(), taskId).flatMap(task -> {
            if (task == null) {
                throw new Viewers.NotFound("task " + taskId);
            }
            if (viewer.role() != Reach.Role.MEMBER || Reach.canSee(viewer.role(), viewer.email(), task.assigneeEmail,
                    task.escalatedToEmail, false)) {
                return Uni.createFrom().item(task);
            }
            return contacts.customersOf(viewer.tenant(), viewer.email()).map(mine -> {
                if (!Reach.canSee(viewer.role(), viewer.email(), task.assigneeEmail, task.escalatedToEmail,
                        mine.contains(task.customerId))) {
                    throw new Viewers.NotFound("task " + taskId);
                }
                return task;
            });
        });
    }

    private Uni<Views.TaskPage> taskPage(Viewer viewer, Task task, String error, String notice) {
        return Panache.withSession(() -> readTaskPage(viewer, task, error, notice));
    }

    private Uni<Views.TaskPage> readTaskPage(Viewer viewer, Task task, String error, String notice) {
        String tenant = viewer.tenant();
        return contacts.profile(tenant, task.customerId).flatMap(profile -> contacts.people(tenant, task.customerId)
                .flatMap(people -> queries.history(tenant, task.id).flatMap(events -> this.notifications.ofTask(tenant, task.id, 100)
                        .flatMap(notifications -> this.notifications.digestsOf(tenant, notifications)
                        .flatMap(digests -> playbooks.current(tenant).flatMap(current -> followUp(task)
                                .flatMap(followUp -> scoring.health(tenant, task.customerId)
                                        .flatMap(health -> scoring.history(tenant, task.customerId).map(history -> {
                                            var reason = task.readReason(json);
                                            Views.TaskRow row = Views.row(task, profile == null ? null : profile.name, zone,
                                                    Instant.now());
                                            List<Views.Quote> words = health.value().map(h -> Views.words(h.overrides()))
                                                    .filter(w -> !w.isEmpty()).orElse(Views.plainWords(reason.evidence()));
                                            Views.Score score = health.value().map(h -> Views.score(h, zone))
                                                    .orElse(Views.score(reason, task.tier));
                                            List<String> exitReasons = current.exitSurvey() == null ? List.of()
                                                    : current.exitSurvey().reasonCodes();
                                            return new Views.TaskPage(row, Views.when(task.createdAt, zone),
                                                    Views.when(task.acknowledgeBy, zone), Views.when(task.dueAt, zone),
                                                    task.playbook, task.assigneeRole, task.outcome, task.rootCause,
                                                    task.actions, task.cost == null ? null : task.cost.toPlainString(),
                                                    task.exitReason, words, score,
                                                    Views.history(history.value().orElse(List.of()), zone),
                                                    task.readGuidance(json), events.stream().map(this::audit).toList(),
                                                    notifications.stream().map(n -> Views.notification(n,
                                                            digests.get(n.digestId), zone)).toList(),
                                                    people, exitReasons,
                                                    TaskLifecycle.allowed(TaskLifecycle.Status.valueOf(task.status)), error,
                                                    notice, followUp, health.available());
                                        })))))))));
    }

    /** The exit survey a churned task opened, if any. */
    private Uni<String> followUp(Task task) {
        if (!"CHURNED".equals(task.outcome) || "EXIT_SURVEY".equals(task.kind)) {
            return Uni.createFrom().nullItem();
        }
        return queries.ofCustomer(task.tenant, task.customerId, 5).map(tasks -> tasks.stream()
                .filter(t -> "EXIT_SURVEY".equals(t.kind) && t.createdAt.isAfter(task.createdAt))
                .map(t -> t.id.toString()).findFirst().orElse(null));
    }

    private Views.AuditLine audit(TaskEvent e) {
        return new Views.AuditLine(Views.when(e.at, zone), e.actor, e.type, Forms.detail(json, e.detail, zone));
    }

    static String client(HttpServerRequest request) {
        return request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
    }

    private static String oneOf(String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.trim().toUpperCase(Locale.ROOT);
        return allowed.contains(upper) ? upper : null;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new Viewers.NotFound("task " + id);
        }
    }


}
