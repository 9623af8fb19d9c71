package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.InterventionConfig;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The one way an e-mail leaves: bounded in time, never throwing; the item says why it failed, or is null. */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final InterventionConfig config;

    public EmailSender(ReactiveMailer mailer, InterventionConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /** @param html the HTML part beside the text, or null for text only */
    public Uni<String> send(String recipient, String subject, String body, String html) {
        Mail mail = Mail.withText(recipient, subject, body);
        if (html != null) {
            mail.setHtml(html);
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
