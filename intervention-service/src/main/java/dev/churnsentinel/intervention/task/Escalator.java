package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.playbook.Playbooks;
import dev.churnsentinel.intervention.task.TaskNotifier.Event;
import dev.churnsentinel.platform.jobs.Repeater;
import dev.churnsentinel.platform.store.SkipLockedDrain;
import dev.churnsentinel.platform.vertx.InOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The SLA clock. The windows live in the task rows, so they survive restarts and are caught up after downtime;
 * each due task is locked ({@code FOR UPDATE SKIP LOCKED}) and marked in the same transaction as its escalation,
 * so with several replicas every window fires exactly once. The rules are {@link EscalationPolicy}.
 */
@ApplicationScoped
public class Escalator {
    private static final int BATCH = 50;
    /** The due tasks' ids, claimed; the tasks are then loaded as entities, whose JSON columns are read as text. */
    private static final String DUE = "select cast(id as text) from task "
            + "where status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS') and least(acknowledge_by, due_at) <= now() "
            + "and ((status = 'OPEN' and ack_escalated_at is null and acknowledge_by <= now()) "
            + "or (due_escalated_at is null and due_at <= now())) "
            + "order by least(acknowledge_by, due_at) limit " + BATCH + " for update skip locked";

    private final InterventionConfig config;
    private final ContactBook contacts;
    private final TaskNotifier notifier;
    private final AuditTrail audit;
    private final JsonColumns json;
    private Repeater repeater;

    private static final Duration OVERDUE_COUNT_EVERY = Duration.ofSeconds(15);
    private static final String OPEN_AND_OVERDUE = "select tenant, tier, count(*) as open_tasks, "
            + "count(*) filter (where due_at < now()) as overdue_tasks "
            + "from task where status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS') group by tenant, tier";
    private final MeterRegistry meters;
    private final OpenTaskGauges gauges;
    private volatile Instant overdueCountedAt = Instant.EPOCH;

    public Escalator(InterventionConfig config, ContactBook contacts, TaskNotifier notifier, AuditTrail audit, JsonColumns json,
                     MeterRegistry meters) {
        this.meters = meters;
        this.gauges = new OpenTaskGauges(meters);
        this.config = config;
        this.contacts = contacts;
        this.notifier = notifier;
        this.audit = audit;
        this.json = json;
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("sla-escalator", config.escalationInterval(), this::escalateDue);
    }

    /** Before the connection pools close, so no run is cut short. */
    void stop(@Observes ShutdownEvent shutdown) {
        if (repeater != null) {
            repeater.close();
        }
    }

    /** Escalates every task whose window has passed; returns how many. */
    public int escalateDue() {
        SkipLockedDrain.Drained drained = SkipLockedDrain.drain(DUE, String.class, List.of(), BATCH,
                due -> Task.<Task>list("id in ?1", due.stream().map(UUID::fromString).toList()).flatMap(tasks -> {
                    Map<String, Task> byId = tasks.stream().collect(Collectors.toMap(t -> t.id.toString(), t -> t));
                    return InOrder.each(due.stream().map(byId::get).toList(), this::escalate); // in the claim's order
                }));
        if (drained.failure() != null) {
            Log.warnf("SLA escalation paused: %s", drained.failure().toString());
        } else if (Duration.between(overdueCountedAt, Instant.now()).compareTo(OVERDUE_COUNT_EVERY) >= 0) {
            overdueCountedAt = Instant.now();
            try {
                List<Tuple> counts = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                        .flatMap(s -> s.createNativeQuery(OPEN_AND_OVERDUE, Tuple.class).getResultList())));
                gauges.update(counts.stream().map(row -> new OpenTaskGauges.Count(row.get("tenant", String.class),
                        row.get("tier", String.class), row.get("open_tasks", Number.class).longValue(),
                        row.get("overdue_tasks", Number.class).longValue())).toList());
            } catch (Throwable e) {
                Log.warnf("SLA escalation paused: %s", e.toString());
            }
        }
        return drained.count();
    }

    private Uni<Void> escalate(Task task) {
        Task.Escalation how = task.readEscalation(json);
        Instant now = Instant.now();
        var decided = EscalationPolicy.at(new EscalationPolicy.Clock(task.lifecycleStatus(), task.acknowledgeBy.toInstant(),
                task.dueAt.toInstant(), task.ackEscalatedAt != null, task.dueEscalatedAt != null, task.escalationLevel,
                Playbooks.escalationRoles(task.escalateTo, how.chain())), now);
        if (decided.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        EscalationPolicy.Escalation escalation = decided.get();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        for (EscalationPolicy.Trigger trigger : escalation.triggers()) {
            if (trigger == EscalationPolicy.Trigger.NOT_ACKNOWLEDGED) {
                task.ackEscalatedAt = at;
            } else {
                task.dueEscalatedAt = at;
            }
        }
        task.escalationLevel = escalation.level();
        meters.counter("sentinel.tasks.escalated", "tier", task.tier, "level", Integer.toString(escalation.level())).increment();
        task.updatedAt = at;
        List<String> missed = escalation.triggers().stream()
                .map(t -> t == EscalationPolicy.Trigger.NOT_ACKNOWLEDGED ? "acknowledged" : "resolved").toList();
        Uni<TaskNotifier.Recipient> recipient = escalation.role() == null
                ? Uni.createFrom().item(TaskNotifier.Recipient.assigneeOf(task))
                : contacts.resolve(task.tenant, task.customerId, escalation.role()).map(person -> {
                    TaskNotifier.Recipient to = new TaskNotifier.Recipient(person == null ? null : person.name(),
                            escalation.role(), person == null ? null : person.email());
                    if (how.mode() == Playbooks.EscalationMode.REASSIGN && person != null) {
                        task.assigneeRole = escalation.role();
                        TaskService.assign(task, person);
                    } else {
                        task.escalatedToId = person == null ? null : person.id();
                        task.escalatedToName = to.name();
                        task.escalatedToRole = escalation.role();
                        task.escalatedToEmail = to.email();
                    }
                    return to;
                });
        return recipient.flatMap(to -> {
            Log.infof("task %s of %s/%s escalated to level %d (%s, not %s in time)", task.id, task.tenant, task.customerId,
                    escalation.level(), escalation.role(), String.join(" or ", missed));
            return audit.record(task, TaskEvent.SYSTEM, "ESCALATED", "level", escalation.level(), "missed", missed,
                            "role", escalation.role(), "mode", how.mode().name(), "notified", to.name())
                    .chain(() -> contacts.profile(task.tenant, task.customerId))
                    .chain(profile -> notifier.tell(task, Event.TASK_ESCALATED, to, profile,
                            new TaskNotifier.Escalation(escalation.level(), missed), false));
        });
    }
}
