package dev.churnsentinel.intervention.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.customer.Assignee;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.customer.CustomerProfile;
import dev.churnsentinel.intervention.notify.DeliveryPolicy;
import dev.churnsentinel.intervention.notify.EmailSender;
import dev.churnsentinel.intervention.notify.MessageComposer;
import dev.churnsentinel.intervention.notify.Notification;
import dev.churnsentinel.intervention.playbook.PlaybookStore;
import dev.churnsentinel.intervention.playbook.Playbooks;
import dev.churnsentinel.intervention.playbook.TaskPlanner;
import dev.churnsentinel.intervention.playbook.Tier;
import dev.churnsentinel.platform.vertx.CallerContext;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Turns tier changes into tasks for named people, following the playbooks, and queues their notification
 * in the same transaction. Each Kafka record is acted on once, even when redelivered.
 */
@ApplicationScoped
public class TaskService {
    private final TaskPlanner planner = new TaskPlanner();
    private final PlaybookStore playbooks;
    private final ContactBook contacts;
    private final ObjectMapper json;
    private final MessageComposer composer;
    private final EmailSender email;
    private final DeliveryPolicy delivery;

    public TaskService(PlaybookStore playbooks, ContactBook contacts, ObjectMapper json, InterventionConfig config,
                       EmailSender email) {
        this.playbooks = playbooks;
        this.contacts = contacts;
        this.json = json;
        this.composer = new MessageComposer(ZoneId.of(config.timeZone()));
        this.email = email;
        this.delivery = new DeliveryPolicy(config.maxAttempts(), config.retryBackoff());
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
                        record.getTenant(), record.getCustomerId(), Task.OPEN_STATUSES).<Task>firstResult())
                .chain(unassigned -> unassigned == null ? Uni.createFrom().voidItem() : assignLate(unassigned)));
    }

    private Uni<Void> assignLate(Task task) {
        return contacts.resolve(task.tenant, task.customerId, task.assigneeRole).flatMap(assignee -> {
            if (assignee == null) {
                return Uni.createFrom().voidItem();
            }
            task.assigneeId = assignee.id();
            task.assigneeName = assignee.name();
            task.assigneeEmail = assignee.email();
            task.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Log.infof("task %s assigned to %s (%s) now that the customer's profile arrived", task.id, assignee.id(),
                    task.assigneeRole);
            return contacts.profile(task.tenant, task.customerId).flatMap(profile -> {
                Notification notification = notification(task, read(task.reason, TaskReason.class),
                        read(task.guidance, Guidance.class).lines(), profile, false);
                return firstAttempt(notification).chain(notification::persist).replaceWithVoid();
            });
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
                        change.getTenant(), change.getCustomerId(), Task.OPEN_STATUSES).firstResult()
                .flatMap(open -> act(change, open)));
    }

    private Uni<Void> act(TierChanged change, Task open) {
        Instant now = Instant.now();
        Playbooks current = playbooks.current();
        TaskPlanner.Plan plan = planner.plan(
                new TaskPlanner.Alert(Tier.valueOf(change.getTier().name()), change.getPassiveChurn(), change.getPriceSensitive()),
                open == null ? null : new TaskPlanner.OpenTask(Tier.valueOf(open.tier), open.dueAt.toInstant()),
                current, now);
        if (plan.action() == TaskPlanner.Action.NONE) {
            Log.infof("customer %s/%s %s: no task (%s)", change.getTenant(), change.getCustomerId(), change.getTier(), plan.reason());
            return Uni.createFrom().voidItem();
        }
        return contacts.resolve(change.getTenant(), change.getCustomerId(), plan.assigneeRole())
                .flatMap(assignee -> contacts.profile(change.getTenant(), change.getCustomerId())
                        .flatMap(profile -> save(change, open, plan, current.version(), assignee, profile, now)));
    }

    private Uni<Void> save(TierChanged change, Task open, TaskPlanner.Plan plan, int playbookVersion, Assignee assignee,
                           CustomerProfile profile, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Task task = open != null ? open : new Task();
        TaskReason reason = new TaskReason(change.getRiskScore(), change.getStage(),
                change.getSignalsList().stream().map(s -> new TaskReason.Signal(s.getCode(), s.getDetail())).toList(),
                List.copyOf(change.getEvidenceList()));
        if (open == null) {
            task.id = UUID.randomUUID();
            task.tenant = change.getTenant();
            task.customerId = change.getCustomerId();
            task.status = "OPEN";
            task.createdAt = at;
            task.escalationLevel = 0;
        }
        task.tier = plan.tier().name();
        task.kind = plan.kind();
        task.playbook = plan.playbook();
        task.playbookVersion = playbookVersion;
        task.assigneeRole = plan.assigneeRole();
        task.assigneeId = assignee == null ? null : assignee.id();
        task.assigneeName = assignee == null ? null : assignee.name();
        task.assigneeEmail = assignee == null ? null : assignee.email();
        task.escalateTo = plan.escalateTo();
        task.updatedAt = at;
        task.dueAt = plan.dueAt().atOffset(ZoneOffset.UTC);
        task.acknowledgeBy = plan.acknowledgeBy().atOffset(ZoneOffset.UTC);
        task.reason = write(reason);
        task.guidance = write(new Guidance(plan.guidance()));
        Log.infof("customer %s/%s: %s %s task %s for %s (%s), due %s", task.tenant, task.customerId,
                plan.action(), task.kind, task.id, task.assigneeId, task.assigneeRole, task.dueAt);
        Uni<?> saved = open == null ? task.persist() : Uni.createFrom().voidItem();
        Notification notification = notification(task, reason, plan.guidance(), profile, open != null);
        return saved.chain(() -> firstAttempt(notification)).chain(notification::persist).replaceWithVoid();
    }

    /**
     * Tries to deliver at once, so the manager is told by the time the task can be seen; a failure is
     * retried by the dispatcher. The mail server's answer comes back on this transaction's context.
     */
    private Uni<Void> firstAttempt(Notification n) {
        if (!"PENDING".equals(n.status)) {
            return Uni.createFrom().voidItem();
        }
        return CallerContext.resumeOn(email.send(n.recipient, n.subject, n.body)).map(error -> {
            DeliveryPolicy.Outcome outcome = delivery.after(1, error, Instant.now());
            n.status = outcome.status();
            n.attempt = outcome.attempt();
            n.at = OffsetDateTime.now();
            n.nextAttemptAt = outcome.nextAttemptAt().atOffset(ZoneOffset.UTC);
            n.lastError = outcome.error();
            return null;
        });
    }

    private Notification notification(Task task, TaskReason reason, List<String> guidance, CustomerProfile profile,
                                      boolean upgraded) {
        MessageComposer.TaskFacts facts = new MessageComposer.TaskFacts(task.id.toString(), task.tier, task.kind,
                task.customerId, profile == null ? null : profile.name, task.assigneeName, task.createdAt, task.dueAt,
                task.acknowledgeBy, reason, guidance, upgraded);
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.tenant = task.tenant;
        n.taskId = task.id;
        n.channel = "EMAIL";
        n.recipient = task.assigneeEmail == null ? "" : task.assigneeEmail;
        n.subject = composer.subject(facts);
        n.body = composer.body(facts);
        n.attempt = 0;
        n.createdAt = task.updatedAt;
        n.at = task.updatedAt;
        n.nextAttemptAt = task.updatedAt;
        if (task.assigneeEmail == null) {
            n.status = "FAILED";
            n.lastError = "no e-mail address for " + task.assigneeRole + " of this customer, nor a tenant default";
            Log.warnf("task %s: %s", task.id, n.lastError);
        } else {
            n.status = "PENDING";
        }
        return n;
    }

    /** How guidance is stored. */
    public record Guidance(List<String> lines) {
    }

    private Uni<Boolean> firstTime(String recordId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into processed_record (record_id) values (?1) on conflict do nothing")
                .setParameter(1, recordId).executeUpdate()).map(inserted -> inserted == 1);
    }

    private <T> T read(String document, Class<T> type) {
        try {
            return json.readValue(document, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
