package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.notify.NotificationStore.Person;
import dev.churnsentinel.intervention.notify.NotificationStore.Waiting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people this replica has seen the dispatcher hold e-mails for, and their waiting digest. A task e-mail queued for
 * one of them joins the digest there and then: it is written DIGESTED by it with its subject alone (all a digest lists),
 * so it is neither composed in full nor held a moment later. Someone this replica has not seen held, or whose digest is
 * due within the margin (a poll that writes its e-mails late should still find the digest waiting: a digest takes none
 * once due), gets the e-mail in full and the dispatcher decides, as for any other. The margin is a poll's time from
 * deciding to writing, with room to spare, and no more: an e-mail written after its digest was due is not lost (it goes
 * out in a second digest of its own), while each e-mail queued within the margin is composed in full.
 */
@ApplicationScoped
public class DigestWindows {
    private static final Duration MAX_MARGIN = Duration.ofSeconds(2);

    private final Duration margin;
    private final Map<Person, Waiting> waiting = new ConcurrentHashMap<>();

    @Inject
    public DigestWindows(InterventionConfig config) {
        this(margin(config.digest().window()));
    }

    DigestWindows(Duration margin) {
        this.margin = margin;
    }

    /** A quarter of the window, at most 2 s. */
    static Duration margin(Duration window) {
        Duration quarter = window.dividedBy(4);
        return quarter.compareTo(MAX_MARGIN) < 0 ? quarter : MAX_MARGIN;
    }

    /** The dispatcher committed an e-mail held for {@code digest}; the people whose digest is due are forgotten. */
    public void held(Waiting digest, Instant now) {
        waiting.values().removeIf(due -> !due.due().isAfter(now));
        waiting.put(digest.person(), digest);
    }

    /** The digest an e-mail to {@code person} queued now joins, or null if it goes to the dispatcher. */
    public Waiting joining(Person person, Instant now) {
        Waiting digest = waiting.get(person);
        return digest != null && digest.due().minus(margin).isAfter(now) ? digest : null;
    }
}
