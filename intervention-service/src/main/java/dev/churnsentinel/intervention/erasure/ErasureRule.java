package dev.churnsentinel.intervention.erasure;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a tier change rests on what was known of a customer before they were erased: such a change (it travels on
 * another topic than the erasure and may arrive after it) must not open or change a task.
 */
public final class ErasureRule {
    private ErasureRule() {
    }

    /**
     * True when the change was made, or the record that caused it accepted, at or before the erasure was requested, or
     * when the change names neither time (nothing shows it came after).
     *
     * @param changedAt         when scoring changed the tier (ISO-8601 with offset), or empty
     * @param triggerAcceptedAt when ingestion accepted the record that caused it (ISO-8601 with offset), or empty
     * @param requestedAt       when ingestion recorded the erasure request
     */
    public static boolean madeBefore(String changedAt, String triggerAcceptedAt, Instant requestedAt) {
        List<Instant> times = new ArrayList<>(2);
        for (String text : new String[] {changedAt, triggerAcceptedAt}) {
            if (text == null || text.isBlank()) {
                continue;
            }
            Instant time = parse(text);
            if (time == null) {
                return true;
            }
            times.add(time);
        }
        return times.isEmpty() || times.stream().anyMatch(time -> !time.isAfter(requestedAt));
    }

    /** An ISO-8601 instant or date-time with offset; null when it is neither. */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
