package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.customer.Assignee;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.customer.CustomerKey;
import dev.churnsentinel.intervention.erasure.ErasedCustomers;
import dev.churnsentinel.intervention.erasure.ErasureRule;
import dev.churnsentinel.intervention.erasure.Erasures;
import dev.churnsentinel.inbox.ProcessedRecords;
import dev.churnsentinel.intervention.task.TaskNotifier.Event;
import dev.churnsentinel.platform.store.GroupedInserts;
import dev.churnsentinel.platform.vertx.InOrder;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import dev.churnsentinel.intervention.playbook.BusinessCalendar;
import dev.churnsentinel.intervention.playbook.PlaybookStore;
import dev.churnsentinel.intervention.playbook.Playbooks;
import dev.churnsentinel.intervention.playbook.TaskPlanner;
import dev.churnsentinel.intervention.playbook.Tier;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns tier changes into tasks for named people, following the tenant's playbooks, and queues their notification
 * in the same transaction, a poll of records at a time. Each Kafka record is acted on once, even when redelivered.
 */
@ApplicationScoped
public class TaskService {
    /** The histogram's buckets: around the goal of a task within 2 s of a storm's feedback, and the minutes of a backlog. */
    private static final Duration[] FEEDBACK_TO_TASK_BUCKETS = java.util.stream.Stream.of(0.1, 0.25, 0.5, 1.0, 2.0, 5.0,
            10.0, 30.0, 60.0, 300.0).map(s -> Duration.ofMillis(Math.round(s * 1000))).toArray(Duration[]::new);
    private final TaskPlanner planner;
    private final PlaybookStore playbooks;
    private final ContactBook contacts;
    private final JsonColumns json;
    private final TaskNotifier notifier;
    private final AuditTrail audit;
    private final TaskObserver observer;
    private final ErasedCustomers erased;
    private final Erasures erasures;

    private final MeterRegistry meters;
    /** sentinel_feedback_to_task_seconds per tier, registered once: a storm records thousands a second. */
    private final Map<String, Timer> feedbackToTask = new java.util.concurrent.ConcurrentHashMap<>();

    public TaskService(PlaybookStore playbooks, ContactBook contacts, JsonColumns json, TaskNotifier notifier,
                       AuditTrail audit, TaskObserver observer, ErasedCustomers erased, Erasures erasures,
                       InterventionConfig config, MeterRegistry meters) {
        this.meters = meters;
        this.erased = erased;
        this.erasures = erasures;
        this.observer = observer;
        InterventionConfig.Calendar calendar = config.calendar();
        this.planner = new TaskPlanner(new BusinessCalendar(ZoneId.of(config.timeZone()), calendar.workingHoursStart(),
                calendar.workingHoursEnd(), Set.copyOf(calendar.workingDays()), Set.copyOf(calendar.holidays().orElse(List.of())),
                Set.copyOf(calendar.makeUpDays().orElse(List.of()))));
        this.playbooks = playbooks;
        this.contacts = contacts;
        this.json = json;
        this.notifier = notifier;
        this.audit = audit;
    }

    /**
     * A poll of ingested records: each record once (the ids claimed in one statement), in order: each customer's latest
     * profile and contacts kept (feedback and events are scoring's business), and an open task that found nobody
     * because its customer's profile came after the tier change (they travel on different topics) assigned now, and its
     * person told; an erasure applied where it stands among them ({@link Erasures}), its customer locked against tier
     * changes from the start of the poll.
     */
    @WithTransaction
    public Uni<Void> onCustomers(List<IngestRecord> records) {
        List<IngestRecord> ours = records.stream().filter(r -> r.hasCustomer() || r.hasErasure()).toList();
        return claim(ours.stream().map(IngestRecord::getId).toList()).flatMap(fresh -> {
            List<IngestRecord> applied = new ArrayList<>();
            for (IngestRecord record : ours) {
                if (fresh.remove(record.getId())) {
                    applied.add(record);
                }
            }
            List<CustomerKey> erasing = applied.stream().filter(IngestRecord::hasErasure)
                    .map(r -> new CustomerKey(r.getTenant(), r.getCustomerId())).toList();
            return erased.lockExclusive(erasing).chain(() -> InOrder.each(runs(applied),
                    run -> run.get(0).hasErasure() ? erasures.apply(run.get(0)) : profiles(run)));
        });
    }

    /**
     * The records in their order, cut into runs: profiles next to each other go together (a customer's latest counts),
     * each erasure alone.
     */
    static List<List<IngestRecord>> runs(List<IngestRecord> records) {
        List<List<IngestRecord>> runs = new ArrayList<>();
        List<IngestRecord> profiles = new ArrayList<>();
        for (IngestRecord record : records) {
            if (record.hasErasure()) {
                if (!profiles.isEmpty()) {
                    runs.add(profiles);
                    profiles = new ArrayList<>();
                }
                runs.add(List.of(record));
            } else {
                profiles.add(record);
            }
        }
        if (!profiles.isEmpty()) {
            runs.add(profiles);
        }
        return runs;
    }

    private Uni<Void> profiles(List<IngestRecord> run) {
        Map<CustomerKey, CustomerUpserted> latest = new LinkedHashMap<>();
        for (IngestRecord record : run) {
            latest.put(new CustomerKey(record.getTenant(), record.getCustomerId()), record.getCustomer());
        }
        return contacts.replace(latest)
                .chain(() -> openTasks(latest.keySet(), true))
                .flatMap(unassigned -> unassigned.isEmpty() ? Uni.createFrom().voidItem()
                        : contacts.known(unassigned.keySet()).flatMap(known -> InOrder.each(unassigned.values(),
                        task -> assignLate(task, known))));
    }

    private Uni<Void> assignLate(Task task, ContactBook.Known known) {
        CustomerKey customer = new CustomerKey(task.tenant, task.customerId);
        Assignee assignee = known.resolve(customer, task.assigneeRole);
        if (assignee == null) {
            return Uni.createFrom().voidItem();
        }
        assign(task, assignee);
        Log.infof("task %s assigned to %s (%s) now that the customer's profile arrived", task.id, assignee.id(),
                task.assigneeRole);
        return audit.record(task, TaskEvent.SYSTEM, "ASSIGNED", "assigneeId", assignee.id(), "role", task.assigneeRole,
                        "why", "the customer's profile arrived after the task was opened")
                .chain(() -> notifier.tell(task, Event.TASK_ASSIGNED, TaskNotifier.Recipient.assigneeOf(task),
                        known.profile(customer), null, false));
    }

    /**
     * The open tasks of the given customers, locked until the transaction ends (at most one per customer), in one query
     * per tenant.
     *
     * @param unassignedOnly only tasks that found nobody to assign
     */
    private static Uni<Map<CustomerKey, Task>> openTasks(Collection<CustomerKey> customers, boolean unassignedOnly) {
        Map<String, List<String>> byTenant = new LinkedHashMap<>();
        customers.forEach(key -> byTenant.computeIfAbsent(key.tenant(), t -> new ArrayList<>()).add(key.customerId()));
        Map<CustomerKey, Task> found = new LinkedHashMap<>();
        return InOrder.each(byTenant.entrySet(), tenant -> Task.<Task>find("tenant = ?1 and customerId in ?2 and status in ?3"
                                + (unassignedOnly ? " and assigneeId is null" : ""), tenant.getKey(), tenant.getValue(),
                        Task.OPEN_STATUSES)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .invoke(tasks -> tasks.forEach(t -> found.put(new CustomerKey(t.tenant, t.customerId), t)))
                .replaceWithVoid()).map(ignored -> found);
    }

    /**
     * A poll of tier changes in one transaction: each change once (the ids claimed in one statement), the open tasks,
     * profiles and contacts of its customers read with a few queries per tenant, and each customer's changes acted on
     * in order. Notifications are queued, for the dispatcher to send once the transaction has committed.
     *
     * @param waitForProfiles leave aside the changes of a customer whose profile scoring has seen and this service has
     *                        not (they travel on different topics), so the caller can try them again shortly; false:
     *                        act on every change with what is here
     * @return the changes left aside, in their order
     */
    @WithTransaction
    public Uni<List<TierChanged>> onTierChanges(List<TierChanged> changes, boolean waitForProfiles) {
        for (TierChanged change : changes) {
            if (change.getTier() == dev.churnsentinel.proto.events.v1.Tier.TIER_UNSPECIFIED
                    || change.getTier() == dev.churnsentinel.proto.events.v1.Tier.UNRECOGNIZED) {
                return Uni.createFrom().failure(new IllegalArgumentException("tier change " + change.getId() + " has no tier"));
            }
        }
        Set<CustomerKey> customers = new LinkedHashSet<>();
        changes.forEach(change -> customers.add(key(change)));
        return GroupedInserts.around(() -> erased.lockShared(customers).chain(() -> contacts.known(customers)).flatMap(known -> {
            Set<CustomerKey> waiting = new HashSet<>();
            List<TierChanged> now = new ArrayList<>(), later = new ArrayList<>();
            for (TierChanged change : changes) {
                CustomerKey customer = key(change);
                if (waiting.contains(customer) || waitForProfiles && change.getProfileKnown() && known.profile(customer) == null) {
                    waiting.add(customer); // and every later change of the customer, so their order holds
                    later.add(change);
                } else {
                    now.add(change);
                }
            }
            return claim(now.stream().map(TierChanged::getId).toList()).flatMap(fresh -> {
                List<TierChanged> claimed = now.stream().filter(change -> fresh.remove(change.getId())).toList();
                return erased.requestedAt(claimed.stream().map(TaskService::key).toList())
                        .flatMap(erasedAt -> actOn(afterErasures(claimed, erasedAt), known));
            }).replaceWith(later);
        }));
    }

    /**
     * The changes to act on: those of a customer erased lately only when made after the erasure was requested (one
     * made before rests on what was erased, and arrived late as it travels on another topic).
     */
    private static List<TierChanged> afterErasures(List<TierChanged> changes, Map<CustomerKey, Instant> erasedAt) {
        return changes.stream().filter(change -> {
            Instant requestedAt = erasedAt.get(key(change));
            if (requestedAt != null && ErasureRule.madeBefore(change.getChangedAt(), change.getTriggerAcceptedAt(), requestedAt)) {
                Log.infof("tier change %s of a customer of %s erased at %s ignored: made before the erasure",
                        change.getId(), change.getTenant(), requestedAt);
                return false;
            }
            return true;
        }).toList();
    }

    private Uni<Void> actOn(List<TierChanged> acted, ContactBook.Known known) {
        Uni<Void> told = InOrder.each(acted, observer::tierChanged);
        Set<CustomerKey> actedOn = new LinkedHashSet<>();
        acted.forEach(change -> actedOn.add(key(change)));
        return told.chain(() -> openTasks(actedOn, false)).flatMap(open -> InOrder.each(acted, change ->
                playbooks.current(change.getTenant()).flatMap(current -> act(change, open, current, known))));
    }

    private static CustomerKey key(TierChanged change) {
        return new CustomerKey(change.getTenant(), change.getCustomerId());
    }

    /** @param open each customer's open task, kept current as tasks are opened */
    private Uni<Void> act(TierChanged change, Map<CustomerKey, Task> open, Playbooks current, ContactBook.Known known) {
        Task task = open.get(key(change));
        return act(change, task, current, known).invoke(saved -> {
            if (saved != null) {
                open.put(key(change), saved);
            }
        }).replaceWithVoid();
    }

    /** @return the task opened or changed, or null */
    private Uni<Task> act(TierChanged change, Task open, Playbooks current, ContactBook.Known known) {
        Tier tier = Tier.valueOf(change.getTier().name());
        Instant now = Instant.now();
        TaskPlanner.Plan plan = planner.plan(new TaskPlanner.Alert(tier, change.getPassiveChurn(), change.getPriceSensitive()),
                open == null ? null : new TaskPlanner.OpenTask(Tier.valueOf(open.tier), open.dueAt.toInstant()),
                current, now);
        if (plan.action() == TaskPlanner.Action.NONE) {
            Log.infof("customer %s/%s %s: no task (%s)", change.getTenant(), change.getCustomerId(), change.getTier(), plan.reason());
            // a recovery never silently closes a task, but its people should see it
            return open == null || tier.compareTo(Tier.valueOf(open.tier)) >= 0 ? Uni.createFrom().nullItem()
                    : audit.record(open, TaskEvent.SYSTEM, "TIER_IMPROVED", "from", open.tier, "to", tier.name(),
                    "riskScore", change.getRiskScore()).replaceWith(open);
        }
        TaskReason reason = new TaskReason(change.getRiskScore(), change.getStage(),
                change.getSignalsList().stream().map(s -> new TaskReason.Signal(s.getCode(), s.getDetail())).toList(),
                List.copyOf(change.getEvidenceList()));
        return save(key(change), open, plan, current.version(), known, reason, now).invoke(task -> {
            if (open == null) {
                timeFromAcceptance(change, task);
            }
        });
    }

    /**
     * sentinel_feedback_to_task_seconds{tier}: from ingestion's acceptance of the record that moved the customer (the
     * change says when) to the new task; changes the clock caused (silence) do not say, and are not counted.
     */
    private void timeFromAcceptance(TierChanged change, Task task) {
        if (change.getTriggerAcceptedAt().isEmpty()) {
            return;
        }
        Duration took = Duration.between(Instant.parse(change.getTriggerAcceptedAt()), task.createdAt.toInstant());
        feedbackToTask.computeIfAbsent(task.tier, tier -> Timer.builder("sentinel.feedback.to.task")
                        .description("From ingestion accepting a record to the task it caused")
                        .tag("tier", tier)
                        .serviceLevelObjectives(FEEDBACK_TO_TASK_BUCKETS)
                        .register(meters))
                .record(took.isNegative() ? Duration.ZERO : took);
    }

    /** Opens an exit survey for a customer whose task ended in churn, when the tenant's playbooks have one. */
    public Uni<Void> openExitSurvey(Task ended) {
        return playbooks.current(ended.tenant).flatMap(current -> {
            Instant now = Instant.now();
            TaskPlanner.Plan plan = planner.exitSurvey(Tier.valueOf(ended.tier), current, now);
            if (plan.action() == TaskPlanner.Action.NONE) {
                return Uni.createFrom().voidItem();
            }
            CustomerKey customer = new CustomerKey(ended.tenant, ended.customerId);
            return contacts.known(List.of(customer))
                    .flatMap(known -> save(customer, null, plan, current.version(), known, ended.readReason(json), now))
                    .replaceWithVoid();
        });
    }

    private Uni<Task> save(CustomerKey customer, Task open, TaskPlanner.Plan plan, int playbookVersion,
                           ContactBook.Known known, TaskReason reason, Instant now) {
        String tenant = customer.tenant(), customerId = customer.customerId();
        Assignee assignee = known.resolve(customer, plan.assigneeRole());
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Task task = open != null ? open : new Task();
        String previousAssignee = open == null ? null : open.assigneeId;
        String previousTier = open == null ? null : open.tier;
        if (open == null) {
            task.id = UUID.randomUUID();
            task.tenant = tenant;
            task.customerId = customerId;
            task.status = TaskLifecycle.Status.OPEN.name();
            task.createdAt = at;
            task.escalationLevel = 0;
        }
        task.tier = plan.tier().name();
        task.kind = plan.kind();
        task.playbook = plan.playbook();
        task.playbookVersion = playbookVersion;
        task.assigneeRole = plan.assigneeRole();
        assign(task, assignee);
        task.updatedAt = at;
        task.escalateTo = plan.escalateTo();
        task.escalation = json.write(new Task.Escalation(plan.escalationChain(), plan.onEscalation()));
        task.dueAt = plan.dueAt().atOffset(ZoneOffset.UTC);
        task.acknowledgeBy = plan.acknowledgeBy().atOffset(ZoneOffset.UTC);
        // an upgrade opens new SLA windows; a new person must acknowledge it again
        task.ackEscalatedAt = null;
        task.dueEscalatedAt = null;
        if (open != null && !java.util.Objects.equals(previousAssignee, task.assigneeId)) {
            task.status = TaskLifecycle.Status.OPEN.name();
            task.acknowledgedAt = null;
        }
        task.reason = json.write(reason);
        task.guidance = json.write(new Task.Guidance(plan.guidance()));
        // per task at DEBUG: a storm opens thousands a second; sentinel_tasks_opened_total and the audit trail keep them
        Log.debugf("customer %s/%s: %s %s task %s for %s (%s), due %s", task.tenant, task.customerId,
                plan.action(), task.kind, task.id, task.assigneeId, task.assigneeRole, task.dueAt);
        Uni<?> saved = open == null ? GroupedInserts.persist(task) : Uni.createFrom().voidItem();
        // sentinel_tasks_opened_total{tier, kind} and sentinel_tasks_upgraded_total{tier, kind}
        meters.counter(open == null ? "sentinel.tasks.opened" : "sentinel.tasks.upgraded", "tier", task.tier, "kind", task.kind)
                .increment();
        return saved
                .chain(() -> audit.record(task, TaskEvent.SYSTEM, open == null ? "CREATED" : "UPGRADED",
                        "from", previousTier, "tier", task.tier, "kind", task.kind, "assigneeId", task.assigneeId,
                        "role", task.assigneeRole, "dueAt", task.dueAt.toString(), "playbookVersion", playbookVersion,
                        "riskScore", reason.riskScore()))
                .chain(() -> notifier.tell(task, open == null ? Event.TASK_CREATED : Event.TASK_UPGRADED,
                        TaskNotifier.Recipient.assigneeOf(task), known.profile(customer), null, false))
                .replaceWith(task);
    }

    static void assign(Task task, Assignee assignee) {
        task.assigneeId = assignee == null ? null : assignee.id();
        task.assigneeName = assignee == null ? null : assignee.name();
        task.assigneeEmail = assignee == null ? null : assignee.email();
        task.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Claims the record ids not applied before, in one statement; answers those (the others are skipped). */
    private static Uni<Set<String>> claim(List<String> recordIds) {
        if (recordIds.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ProcessedRecords.CLAIM, String.class)
                .setParameter(1, recordIds.toArray(String[]::new)).getResultList()).map(HashSet::new);
    }
}
