package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.scoring.model.Inputs;

import java.time.Instant;
import java.util.List;

/** What one customer said and did, in the order it occurred: the replayable past a backtest scores. */
public record History(String customerId, List<Entry> entries) {

    /** One feedback or one event (exactly one of the two), at the time it occurred. */
    public record Entry(Instant at, Inputs.Feedback feedback, Inputs.Event event) {
        public static Entry of(Inputs.Feedback feedback) {
            return new Entry(feedback.occurredAt(), feedback, null);
        }

        public static Entry of(Inputs.Event event) {
            return new Entry(event.occurredAt(), null, event);
        }

        boolean is(String eventType) {
            return event != null && eventType.equals(event.type());
        }
    }
}
