package dev.churnsentinel.intervention.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.intervention.task.TaskCommands;
import dev.churnsentinel.intervention.task.TaskLifecycle;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The console's forms read into the same commands the API takes, with the same limits; a bad field is a 400. */
final class Forms {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Forms() {
    }

    static Uni<String> required(String field, String value, int max) {
        return Uni.createFrom().item(() -> {
            if (value == null || value.isBlank()) {
                throw invalid(field, "must not be blank");
            }
            return limited(field, value.trim(), max);
        });
    }

    static Uni<TaskCommands.Person> person(String id, String name, String email) {
        return Uni.createFrom().item(() -> {
            String n = blank(name) ? null : limited("name", name.trim(), 200);
            String e = blank(email) ? null : limited("email", email.trim(), 320);
            if (e != null && !EMAIL.matcher(e).matches()) {
                throw invalid("email", "must be an e-mail address");
            }
            String who = !blank(id) ? limited("assigneeId", id.trim(), 200) : e;
            if (who == null) {
                throw invalid("assigneeId", "pick a person, or give a new person's name and e-mail");
            }
            return new TaskCommands.Person(who, n, e, null);
        });
    }

    static Uni<TaskCommands.Resolution> resolution(String outcome, String rootCause, String actions, String cost, String exitReason) {
        return Uni.createFrom().item(() -> {
            TaskLifecycle.Outcome o;
            try {
                o = TaskLifecycle.Outcome.valueOf(outcome == null ? "" : outcome.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("outcome", "must be one of " + List.of(TaskLifecycle.Outcome.values()));
            }
            BigDecimal money = null;
            if (!blank(cost)) {
                try {
                    money = new BigDecimal(cost.trim());
                } catch (NumberFormatException e) {
                    throw invalid("cost", "must be a number");
                }
                if (money.signum() < 0 || money.precision() - money.scale() > 12 || money.scale() > 2) {
                    throw invalid("cost", "must be between 0 and 999999999999.99");
                }
            }
            return new TaskCommands.Resolution(o, blank(rootCause) ? null : limited("rootCause", rootCause.trim(), 4000),
                    blank(actions) ? null : limited("actions", actions.trim(), 4000), money,
                    blank(exitReason) ? null : limited("exitReason", exitReason.trim(), 64), null);
        });
    }

    /** What a refused command says to a person: its detail, and the fields that were wrong. */
    static String message(ProblemException e) {
        Problem p = e.problem();
        StringBuilder text = new StringBuilder(p.detail() == null ? p.title() : p.detail());
        if (p.errors() != null) {
            for (Problem.FieldError f : p.errors()) {
                text.append(text.isEmpty() ? "" : " — ").append(f.field()).append(": ").append(f.message());
            }
        }
        return text.toString();
    }

    /**
     * An audit entry's detail as one line: "outcome: RETAINED · cost: 500"; a moment (an ISO-8601 date-time, such as a
     * new due date) is written as the page writes times, in {@code zone}.
     */
    static String detail(JsonColumns json, String detail, ZoneId zone) {
        JsonNode node = json.read(detail, JsonNode.class);
        StringBuilder line = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            line.append(line.isEmpty() ? "" : " · ").append(field.getKey()).append(": ")
                    .append(field.getValue().isTextual() ? textOrTime(field.getValue().asText(), zone)
                            : field.getValue().toString());
        }
        return line.toString();
    }

    private static String textOrTime(String text, ZoneId zone) {
        if (text.length() < 20 || text.charAt(10) != 'T') {
            return text;
        }
        try {
            return Views.when(OffsetDateTime.parse(text), zone);
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    private static String limited(String field, String value, int max) {
        if (value.length() > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw invalid(field, "must not contain the character U+0000");
        }
        return value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.invalid(List.of(new Problem.FieldError(field, message)));
    }
}
