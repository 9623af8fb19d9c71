package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.InterventionConfig;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The one way an e-mail leaves: bounded in time, never throwing; the item says why it failed, or is null. */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final InterventionConfig config;

    public EmailSender(ReactiveMailer mailer, InterventionConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /**
     * Names the notification an e-mail carries, so a resend after an attempt that timed out but arrived (or after a
     * crash between the send and its record) can be told from a new message, by a mail rule or a person.
     */
    public static final String NOTIFICATION_HEADER = "X-Sentinel-Notification";

    /**
     * @param notification the notification it carries (in {@value #NOTIFICATION_HEADER}), or null
     * @param html the HTML part beside the text, or null for text only
     */
    public Uni<String> send(UUID notification, String recipient, String subject, String body, String html) {
        Mail mail = Mail.withText(recipient, subject, body);
        if (html != null) {
            mail.setHtml(html);
        }
        if (notification != null) {
            mail.addHeader(NOTIFICATION_HEADER, notification.toString());
        }
        return mailer.send(mail)
                .ifNoItem().after(config.sendTimeout()).fail()
                .map(sent -> (String) null)
                .onFailure().recoverWithItem(e -> {
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    Log.warnf("e-mail to %s failed: %s", recipient, why);
                    return why;
                });
    }
}
