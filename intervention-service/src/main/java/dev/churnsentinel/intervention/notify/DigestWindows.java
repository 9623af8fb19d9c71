package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.notify.NotificationStore.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people this replica has seen the dispatcher hold e-mails for, and when their digest is due. A task e-mail queued
 * for one of them joins the digest there and then: it is written HELD with its subject alone (all a digest lists), so
 * it is neither composed in full nor held a moment later. Someone this replica has not seen held, or whose digest is
 * due within the margin (a poll that commits late must still find the digest waiting), gets the e-mail in full and the
 * dispatcher decides, as for any other. The margin is a poll's time from deciding to committing, with room to spare,
 * and no more: an e-mail that commits after its digest went out is not lost (it goes out in a second digest of its
 * own), while each e-mail queued within the margin is composed in full.
 */
@ApplicationScoped
public class DigestWindows {
    private static final Duration MAX_MARGIN = Duration.ofSeconds(2);

    private final Duration margin;
    private final Map<Person, Instant> dueAt = new ConcurrentHashMap<>();

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

    /** The dispatcher held an e-mail for {@code person} until {@code until}; people whose digest is due are forgotten. */
    public void held(Person person, Instant until, Instant now) {
        dueAt.values().removeIf(due -> !due.isAfter(now));
        dueAt.put(person, until);
    }

    /** When the digest an e-mail to {@code person} queued now joins is due, or null if it goes to the dispatcher. */
    public Instant joining(Person person, Instant now) {
        Instant due = dueAt.get(person);
        return due != null && due.minus(margin).isAfter(now) ? due : null;
    }
}
