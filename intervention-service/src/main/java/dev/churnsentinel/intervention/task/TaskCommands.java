package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.customer.Assignee;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.playbook.PlaybookStore;
import dev.churnsentinel.intervention.task.TaskLifecycle.Action;
import dev.churnsentinel.intervention.task.TaskLifecycle.Outcome;
import dev.churnsentinel.intervention.task.TaskNotifier.Event;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * What people do with a task through the API. Each command locks the task's row, so it cannot interleave with the
 * SLA clock or a tier change; an illegal move is a 409; every change lands in the audit trail.
 */
@ApplicationScoped
public class TaskCommands {
    private final ContactBook contacts;
    private final TaskNotifier notifier;
    private final AuditTrail audit;
    private final TaskService tasks;
    private final PlaybookStore playbooks;
    private final OutcomeAnnouncer outcomes;

    private final MeterRegistry meters;

    public TaskCommands(ContactBook contacts, TaskNotifier notifier, AuditTrail audit, TaskService tasks,
                        PlaybookStore playbooks, OutcomeAnnouncer outcomes, MeterRegistry meters) {
        this.meters = meters;
        this.outcomes = outcomes;
        this.contacts = contacts;
        this.notifier = notifier;
        this.audit = audit;
        this.tasks = tasks;
        this.playbooks = playbooks;
    }

    /** A person named by the caller: a contact id we know, or a new person with their details. */
    public record Person(String id, String name, String email, String role) {
    }

    public record Resolution(Outcome outcome, String rootCause, String actions, BigDecimal cost, String exitReason,
                             String note) {
    }

    @WithTransaction
    public Uni<Task> acknowledge(String tenant, UUID id, String actor) {
        return locked(tenant, id).flatMap(task -> {
            move(task, Action.ACKNOWLEDGE);
            task.acknowledgedAt = now();
            return audit.record(task, actor, "ACKNOWLEDGED", "onTime", !task.acknowledgedAt.isAfter(task.acknowledgeBy))
                    .replaceWith(task);
        });
    }

    @WithTransaction
    public Uni<Task> start(String tenant, UUID id, String actor) {
        return locked(tenant, id).flatMap(task -> {
            move(task, Action.START);
            task.startedAt = now();
            if (task.acknowledgedAt == null) {
                task.acknowledgedAt = task.startedAt;
            }
            return audit.record(task, actor, "STARTED").replaceWith(task);
        });
    }

    @WithTransaction
    public Uni<Task> reassign(String tenant, UUID id, Person to, String actor) {
        return locked(tenant, id).flatMap(task -> {
            move(task, Action.REASSIGN);
            return contacts.person(tenant, task.customerId, to.id()).flatMap(known -> {
                Assignee assignee = known != null
                        ? new Assignee(known.id(), to.name() == null ? known.name() : to.name(),
                        to.role() == null ? known.role() : to.role(), to.email() == null ? known.email() : to.email())
                        : newPerson(to, task);
                String from = task.assigneeId;
                task.assigneeRole = assignee.role();
                TaskService.assign(task, assignee);
                return audit.record(task, actor, "REASSIGNED", "from", from, "to", assignee.id(), "role", assignee.role())
                        .chain(() -> contacts.profile(tenant, task.customerId))
                        .chain(profile -> notifier.tell(task, Event.TASK_REASSIGNED, TaskNotifier.Recipient.assigneeOf(task),
                                profile, null, true))
                        .replaceWith(task);
            });
        });
    }

    private static Assignee newPerson(Person to, Task task) {
        if (to.email() == null || to.email().isBlank()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("assigneeId",
                    "is not a contact of this customer nor a tenant default; give the person's name and email too")));
        }
        return new Assignee(to.id(), to.name(), to.role() == null ? task.assigneeRole : to.role(), to.email());
    }

    @WithTransaction
    public Uni<Task> resolve(String tenant, UUID id, Resolution resolution, String actor) {
        return locked(tenant, id).flatMap(task -> exitReasonChecked(task, resolution).flatMap(checked -> {
            move(task, Action.RESOLVE);
            task.resolvedAt = now();
            task.outcome = resolution.outcome().name();
            task.rootCause = resolution.rootCause();
            task.actions = resolution.actions();
            task.cost = resolution.cost();
            task.exitReason = resolution.exitReason();
            meters.counter("sentinel.tasks.resolved", "tier", task.tier, "kind", task.kind, "outcome", task.outcome).increment();
            return contacts.profile(tenant, task.customerId).flatMap(profile -> {
                task.annualValue = profile == null ? null : profile.annualValue;
                return audit.record(task, actor, "RESOLVED", "outcome", task.outcome, "onTime",
                                !task.resolvedAt.isAfter(task.dueAt), "rootCause", task.rootCause, "actions", task.actions,
                                "cost", task.cost, "exitReason", task.exitReason, "note", resolution.note())
                        .chain(() -> outcomes.resolved(task))
                        // the resolved row must be written before another open task of the customer can be
                        .chain(() -> Panache.getSession().flatMap(session -> session.flush()))
                        .chain(() -> resolution.outcome() == Outcome.CHURNED && !"EXIT_SURVEY".equals(task.kind)
                                ? tasks.openExitSurvey(task) : Uni.createFrom().voidItem())
                        .replaceWith(task);
            });
        }));
    }

    /** An exit survey records one of the playbook's reason codes. */
    private Uni<Boolean> exitReasonChecked(Task task, Resolution resolution) {
        if (!"EXIT_SURVEY".equals(task.kind)) {
            return Uni.createFrom().item(true);
        }
        return playbooks.current(task.tenant).map(current -> {
            List<String> codes = current.exitSurvey() == null ? List.of() : current.exitSurvey().reasonCodes();
            if (resolution.exitReason() == null || (!codes.isEmpty() && !codes.contains(resolution.exitReason()))) {
                throw ProblemException.invalid(List.of(new Problem.FieldError("exitReason",
                        "an exit survey records why the customer left: one of " + codes)));
            }
            return true;
        });
    }

    @WithTransaction
    public Uni<Task> cancel(String tenant, UUID id, String reason, String actor) {
        return locked(tenant, id).flatMap(task -> {
            move(task, Action.CANCEL);
            return audit.record(task, actor, "CANCELLED", "reason", reason).replaceWith(task);
        });
    }

    @WithTransaction
    public Uni<Task> comment(String tenant, UUID id, String text, String actor) {
        return locked(tenant, id).flatMap(task -> audit.record(task, actor, "COMMENTED", "text", text).replaceWith(task));
    }

    private static Uni<Task> locked(String tenant, UUID id) {
        return Task.<Task>findById(id, LockModeType.PESSIMISTIC_WRITE).map(task -> {
            if (task == null || !task.tenant.equals(tenant)) {
                throw ProblemException.notFound("task " + id);
            }
            return task;
        });
    }

    private static void move(Task task, Action action) {
        try {
            task.status = TaskLifecycle.after(task.lifecycleStatus(), action).name();
            task.updatedAt = now();
        } catch (TaskLifecycle.IllegalTransition e) {
            throw new ProblemException(409, "Illegal transition", e.getMessage());
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
