package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.customer.CustomerProfile;
import dev.churnsentinel.intervention.notify.NotificationStore.Person;
import dev.churnsentinel.intervention.notify.NotificationStore.Waiting;
import dev.churnsentinel.intervention.signin.ConsoleLinks;
import dev.churnsentinel.intervention.task.Task;
import dev.churnsentinel.intervention.task.TaskNotifier;
import dev.churnsentinel.platform.vertx.CallerContext;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Queues what a task's people are told, in the caller's transaction: an e-mail to the person, and a card to each of
 * the tenant's webhooks that listens to the task's tier. The dispatcher delivers what is queued; an e-mail can also
 * be tried at once, so the manager is told by the time the task can be seen. An e-mail to someone whose digest is
 * waiting ({@link DigestWindows}) joins it as it is queued.
 */
@ApplicationScoped
public class TaskNotifications implements TaskNotifier {
    private final MessageComposer composer;
    private final EmailSender email;
    private final Deliveries deliveries;
    private final JsonColumns json;
    private final NotificationStore store;
    private final ConsoleLinks links;
    private final TenantWebhooks webhooks;
    private final DigestWindows windows;

    public TaskNotifications(InterventionConfig config, EmailSender email, JsonColumns json, Deliveries deliveries,
                             NotificationStore store, ConsoleLinks links, TenantWebhooks webhooks,
                             DigestWindows windows) {
        this.webhooks = webhooks;
        this.windows = windows;
        this.store = store;
        this.links = links;
        this.composer = new MessageComposer(ZoneId.of(config.timeZone()), config.taskUrl().orElse(null));
        this.email = email;
        this.deliveries = deliveries;
        this.json = json;
    }

    @Override
    public Uni<Void> tell(Task task, Event event, Recipient to, CustomerProfile profile, Escalation escalation,
                          boolean tryNow) {
        Waiting joins = to.email() == null ? null : windows.joining(new Person(task.tenant, to.email()), Instant.now());
        return webhooks.of(task.tenant).chain(hooks -> {
            List<String> cards = new ArrayList<>();
            hooks.forEach((name, webhook) -> {
                if (webhook.value().tiers().map(tiers -> tiers.contains(task.tier)).orElse(true)) {
                    cards.add(name);
                }
            });
            boolean inFull = joins == null || !cards.isEmpty(); // an e-mail sent alone, or a card, shows the reason
            MessageComposer.TaskFacts facts = new MessageComposer.TaskFacts(event, task.id.toString(), task.tier,
                    task.kind, task.customerId, profile == null ? null : profile.name, to.name(), task.assigneeName,
                    task.assigneeRole, task.createdAt, task.dueAt, task.acknowledgeBy,
                    inFull ? task.readReason(json) : null, inFull ? task.readGuidance(json) : List.of(), escalation);
            List<Notification> all = new ArrayList<>();
            all.add(joins == null ? mail(task, event, to, facts) : joining(task, event, to, facts, joins));
            cards.forEach(name -> {
                Notification card = notification(task, event, "WEBHOOK", name, composer.cardTitle(facts), composer.card(facts));
                card.linkFor = to.email();
                all.add(card);
            });
            Uni<Void> first = tryNow ? firstAttempt(all.get(0)) : Uni.createFrom().voidItem();
            return first.chain(() -> store.enqueue(all));
        });
    }

    private Notification mail(Task task, Event event, Recipient to, MessageComposer.TaskFacts facts) {
        Notification mail = notification(task, event, "EMAIL", to.email() == null ? "" : to.email(),
                composer.subject(facts), composer.body(facts));
        mail.html = composer.html(facts);
        mail.linkFor = to.email();
        if (to.email() == null) {
            mail.status = "FAILED";
            mail.lastError = "no e-mail address for " + to.role() + " of this customer, nor a tenant default";
            deliveries.failedUnsent("EMAIL");
            Log.warnf("task %s: %s", task.id, mail.lastError);
        }
        return mail;
    }

    /**
     * An e-mail that joins its person's waiting digest, which lists its subject: nothing else of it is written. Should
     * the digest be due or formed as this is written, it waits alone instead (migrations V16, V18) and goes in a digest
     * of its own.
     */
    private Notification joining(Task task, Event event, Recipient to, MessageComposer.TaskFacts facts, Waiting digest) {
        Notification mail = notification(task, event, "EMAIL", to.email(), composer.subject(facts), "");
        mail.linkFor = to.email();
        mail.status = "DIGESTED";
        mail.digestId = digest.id();
        mail.nextAttemptAt = digest.due().atOffset(ZoneOffset.UTC);
        deliveries.held("EMAIL");
        return mail;
    }

    private Uni<Void> firstAttempt(Notification n) {
        if (!"PENDING".equals(n.status)) {
            return Uni.createFrom().voidItem();
        }
        return CallerContext.resumeOn(email.send(n.id, n.recipient, n.subject,
                links.render(n.body, n.tenant, n.linkFor, n.taskId, false),
                links.render(n.html, n.tenant, n.linkFor, n.taskId, true))).map(error -> {
            DeliveryPolicy.Outcome outcome = deliveries.after(n.channel, 1, error, Instant.now());
            n.status = outcome.status();
            n.attempt = outcome.attempt();
            n.at = OffsetDateTime.now(ZoneOffset.UTC);
            n.nextAttemptAt = outcome.nextAttemptAt().atOffset(ZoneOffset.UTC);
            n.lastError = outcome.error();
            return null;
        });
    }

    private static Notification notification(Task task, Event event, String channel, String recipient, String subject,
                                             String body) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.tenant = task.tenant;
        n.taskId = task.id;
        n.event = event.name();
        n.channel = channel;
        n.recipient = recipient;
        n.subject = subject;
        n.body = body;
        n.status = "PENDING";
        n.attempt = 0;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        n.createdAt = now;
        n.at = now;
        n.nextAttemptAt = now;
        return n;
    }
}
