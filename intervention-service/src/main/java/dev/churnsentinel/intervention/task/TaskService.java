package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.customer.Assignee;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.customer.CustomerProfile;
import dev.churnsentinel.intervention.notify.MessageComposer.Event;
import dev.churnsentinel.intervention.playbook.BusinessCalendar;
import dev.churnsentinel.intervention.playbook.PlaybookStore;
import dev.churnsentinel.intervention.playbook.Playbooks;
import dev.churnsentinel.intervention.playbook.TaskPlanner;
import dev.churnsentinel.intervention.playbook.Tier;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns tier changes into tasks for named people, following the tenant's playbooks, and queues their notification
 * in the same transaction. Each Kafka record is acted on once, even when redelivered.
 */
@ApplicationScoped
public class TaskService {
    private final TaskPlanner planner;
    private final PlaybookStore playbooks;
    private final ContactBook contacts;
    private final JsonColumns json;
    private final TaskNotifier notifier;
    private final AuditTrail audit;

    private final MeterRegistry meters;

    public TaskService(PlaybookStore playbooks, ContactBook contacts, JsonColumns json, TaskNotifier notifier,
                       AuditTrail audit, InterventionConfig config, MeterRegistry meters) {
        this.meters = meters;
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
     * Keeps the customer's contacts; a profile that arrives after the customer's tier change (they travel on
     * different topics) assigns the open task that found nobody, and tells that person.
     */
    @WithTransaction
    public Uni<Void> onCustomer(IngestRecord record) {
        return firstTime(record.getId()).flatMap(first -> !first ? Uni.createFrom().voidItem()
                : contacts.replace(record.getTenant(), record.getCustomerId(), record.getCustomer())
                .chain(() -> Task.<Task>find("tenant = ?1 and customerId = ?2 and status in ?3 and assigneeId is null",
                        record.getTenant(), record.getCustomerId(), Task.OPEN_STATUSES)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).<Task>firstResult())
                .chain(unassigned -> unassigned == null ? Uni.createFrom().voidItem() : assignLate(unassigned)));
    }

    private Uni<Void> assignLate(Task task) {
        return contacts.resolve(task.tenant, task.customerId, task.assigneeRole).flatMap(assignee -> {
            if (assignee == null) {
                return Uni.createFrom().voidItem();
            }
            assign(task, assignee);
            Log.infof("task %s assigned to %s (%s) now that the customer's profile arrived", task.id, assignee.id(),
                    task.assigneeRole);
            return audit.record(task, TaskEvent.SYSTEM, "ASSIGNED", "assigneeId", assignee.id(), "role", task.assigneeRole,
                            "why", "the customer's profile arrived after the task was opened")
                    .chain(() -> contacts.profile(task.tenant, task.customerId))
                    .chain(profile -> notifier.tell(task, Event.TASK_ASSIGNED, TaskNotifier.Recipient.assigneeOf(task),
                            profile, null, true));
        });
    }

    /** The tier change names a customer whose profile scoring has seen but this service has not yet. */
    public static class ProfileNotYetHere extends RuntimeException {
        ProfileNotYetHere(String customer) {
            super("the profile of " + customer + " has not arrived yet");
        }
    }

    /**
     * @param waitForProfile fail with {@link ProfileNotYetHere} (so the caller can try again shortly) when scoring
     *                       has seen the customer's profile and this service has not; false: act with what is here
     */
    @WithTransaction
    public Uni<Void> onTierChanged(TierChanged change, boolean waitForProfile) {
        if (change.getTier() == dev.churnsentinel.proto.events.v1.Tier.TIER_UNSPECIFIED
                || change.getTier() == dev.churnsentinel.proto.events.v1.Tier.UNRECOGNIZED) {
            return Uni.createFrom().failure(new IllegalArgumentException("tier change " + change.getId() + " has no tier"));
        }
        Uni<Void> profileHere = !waitForProfile || !change.getProfileKnown() ? Uni.createFrom().voidItem()
                : contacts.profile(change.getTenant(), change.getCustomerId()).invoke(profile -> {
                    if (profile == null) {
                        throw new ProfileNotYetHere(change.getTenant() + "/" + change.getCustomerId());
                    }
                }).replaceWithVoid();
        return profileHere.chain(() -> firstTime(change.getId())).flatMap(first -> !first ? Uni.createFrom().voidItem()
                : Task.<Task>find("tenant = ?1 and customerId = ?2 and status in ?3",
                        change.getTenant(), change.getCustomerId(), Task.OPEN_STATUSES)
                .withLock(LockModeType.PESSIMISTIC_WRITE).<Task>firstResult()
                .flatMap(open -> playbooks.current(change.getTenant()).flatMap(current -> act(change, open, current))));
    }

    private Uni<Void> act(TierChanged change, Task open, Playbooks current) {
        Tier tier = Tier.valueOf(change.getTier().name());
        Instant now = Instant.now();
        TaskPlanner.Plan plan = planner.plan(new TaskPlanner.Alert(tier, change.getPassiveChurn(), change.getPriceSensitive()),
                open == null ? null : new TaskPlanner.OpenTask(Tier.valueOf(open.tier), open.dueAt.toInstant()),
                current, now);
        if (plan.action() == TaskPlanner.Action.NONE) {
            Log.infof("customer %s/%s %s: no task (%s)", change.getTenant(), change.getCustomerId(), change.getTier(), plan.reason());
            // a recovery never silently closes a task, but its people should see it
            return open == null || tier.compareTo(Tier.valueOf(open.tier)) >= 0 ? Uni.createFrom().voidItem()
                    : audit.record(open, TaskEvent.SYSTEM, "TIER_IMPROVED", "from", open.tier, "to", tier.name(),
                    "riskScore", change.getRiskScore());
        }
        TaskReason reason = new TaskReason(change.getRiskScore(), change.getStage(),
                change.getSignalsList().stream().map(s -> new TaskReason.Signal(s.getCode(), s.getDetail())).toList(),
                List.copyOf(change.getEvidenceList()));
        return save(change.getTenant(), change.getCustomerId(), open, plan, current.version(), reason, now);
    }

    /** Opens an exit survey for a customer whose task ended in churn, when the tenant's playbooks have one. */
    public Uni<Void> openExitSurvey(Task ended) {
        return playbooks.current(ended.tenant).flatMap(current -> {
            Instant now = Instant.now();
            TaskPlanner.Plan plan = planner.exitSurvey(Tier.valueOf(ended.tier), current, now);
            if (plan.action() == TaskPlanner.Action.NONE) {
                return Uni.createFrom().voidItem();
            }
            return save(ended.tenant, ended.customerId, null, plan, current.version(), json.reason(ended), now);
        });
    }

    private Uni<Void> save(String tenant, String customerId, Task open, TaskPlanner.Plan plan, int playbookVersion,
                           TaskReason reason, Instant now) {
        return contacts.resolve(tenant, customerId, plan.assigneeRole()).flatMap(assignee -> contacts.profile(tenant, customerId)
                .flatMap(profile -> save(tenant, customerId, open, plan, playbookVersion, assignee, profile, reason, now)));
    }

    private Uni<Void> save(String tenant, String customerId, Task open, TaskPlanner.Plan plan, int playbookVersion,
                           Assignee assignee, CustomerProfile profile, TaskReason reason, Instant now) {
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
        task.guidance = json.write(new JsonColumns.Guidance(plan.guidance()));
        Log.infof("customer %s/%s: %s %s task %s for %s (%s), due %s", task.tenant, task.customerId,
                plan.action(), task.kind, task.id, task.assigneeId, task.assigneeRole, task.dueAt);
        Uni<?> saved = open == null ? task.persist() : Uni.createFrom().voidItem();
        // sentinel_tasks_opened_total{tier, kind} and sentinel_tasks_upgraded_total{tier, kind}
        meters.counter(open == null ? "sentinel.tasks.opened" : "sentinel.tasks.upgraded", "tier", task.tier, "kind", task.kind)
                .increment();
        return saved
                .chain(() -> audit.record(task, TaskEvent.SYSTEM, open == null ? "CREATED" : "UPGRADED",
                        "from", previousTier, "tier", task.tier, "kind", task.kind, "assigneeId", task.assigneeId,
                        "role", task.assigneeRole, "dueAt", task.dueAt.toString(), "playbookVersion", playbookVersion,
                        "riskScore", reason.riskScore()))
                .chain(() -> notifier.tell(task, open == null ? Event.TASK_CREATED : Event.TASK_UPGRADED,
                        TaskNotifier.Recipient.assigneeOf(task), profile, null, true));
    }

    static void assign(Task task, Assignee assignee) {
        task.assigneeId = assignee == null ? null : assignee.id();
        task.assigneeName = assignee == null ? null : assignee.name();
        task.assigneeEmail = assignee == null ? null : assignee.email();
        task.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private Uni<Boolean> firstTime(String recordId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into processed_record (record_id) values (?1) on conflict do nothing")
                .setParameter(1, recordId).executeUpdate()).map(inserted -> inserted == 1);
    }
}
