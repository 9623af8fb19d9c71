package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.task.TaskNotifier;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One notification and where its delivery stands: PENDING (queued), SENT, RETRYING (an attempt failed,
 * another is due at {@code nextAttemptAt}), FAILED (after the last attempt, or nobody to send it to), HELD (a digest
 * waiting until {@code nextAttemptAt}, or a task e-mail about to be put in one) or DIGESTED (a task e-mail carried by
 * the digest {@code digestId}).
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    /** The event of a digest: it carries the e-mails a person would have had one by one in a storm. */
    public static final String DIGEST = "DIGEST";

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "task_id")
    public UUID taskId;
    /** The {@link TaskNotifier.Event} it tells of, or {@link #DIGEST}. */
    public String event;
    /** EMAIL (recipient: the address) or WEBHOOK (recipient: the webhook's configured name). */
    public String channel;
    public String recipient;
    public String subject;
    public String body;
    public String status;
    public int attempt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    /** When the last attempt was made (or the notification was queued). */
    public OffsetDateTime at;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    /** The e-mail's HTML part, or null. */
    public String html;
    /** Whom the console link in the message signs in (the person it is addressed to), or null. */
    @Column(name = "link_for")
    public String linkFor;
    /** The digest that carried this e-mail (status DIGESTED), or null. */
    @Column(name = "digest_id")
    public UUID digestId;
}
