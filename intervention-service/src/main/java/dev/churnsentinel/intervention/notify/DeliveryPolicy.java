package dev.churnsentinel.intervention.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What follows a delivery attempt: SENT, RETRYING after a doubling back-off, or FAILED after the last attempt. */
public record DeliveryPolicy(int maxAttempts, Duration firstBackoff) {

    /** The state of a notification after attempt number {@code attempt} (1 = first) ended with {@code error}. */
    public record Outcome(String status, int attempt, Instant nextAttemptAt, String error) {
    }

    /** How a send that answers null (taken) or why not ended; a send that threw gives its exception's message. */
    public static String errorOf(Future<String> sent) {
        try {
            return sent.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public Outcome after(int attempt, String error, Instant now) {
        if (error == null) {
            return new Outcome("SENT", attempt, now, null);
        }
        if (attempt >= maxAttempts) {
            return new Outcome("FAILED", attempt, now, error);
        }
        return new Outcome("RETRYING", attempt, now.plus(firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 16))), error);
    }
}
