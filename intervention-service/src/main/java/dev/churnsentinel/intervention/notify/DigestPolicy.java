package dev.churnsentinel.intervention.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When a person's task e-mails come in a storm: the first {@code after} within a window go out one by one; the rest
 * wait, and go out together as one digest when the first of them has waited a window. Per person and per dispatch, in
 * the order the e-mails are due.
 */
public final class DigestPolicy {
    private final int after;
    private final Duration window;

    public DigestPolicy(int after, Duration window) {
        if (after < 0) {
            throw new IllegalArgumentException("digest.after must not be negative");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("digest.window must be positive");
        }
        this.after = after;
        this.window = window;
    }

    /**
     * What a person has had lately, kept current as the dispatch decides.
     *
     * @param sentAlone e-mails sent to them one by one within the window
     * @param heldUntil when the e-mails waiting for their digest are due, or null when none wait
     */
    public record Person(int sentAlone, Instant heldUntil) {
    }

    /** The decision for one e-mail to the person: {@code heldUntil} null means it goes out now, alone. */
    public record Decision(Instant heldUntil, Person next) {
    }

    /**
     * An e-mail waits when others already wait for the person's digest (it joins them), or when the person has had
     * {@code after} e-mails alone within the window.
     */
    public Decision next(Person person, Instant now) {
        if (person.heldUntil() != null) {
            return new Decision(person.heldUntil(), person);
        }
        if (person.sentAlone() >= after) {
            Instant until = now.plus(window);
            return new Decision(until, new Person(person.sentAlone(), until));
        }
        return new Decision(null, new Person(person.sentAlone() + 1, null));
    }

    public Duration window() {
        return window;
    }
}
