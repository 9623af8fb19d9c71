package dev.churnsentinel.ingestion.events;

import dev.churnsentinel.ingestion.events.EventRequest.EventType;
import dev.churnsentinel.platform.problem.Problem.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What each event type's attributes must be; plain rules, plain tests. */
public final class EventRules {
    private EventRules() {
    }

    public static List<FieldError> check(EventRequest event) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> attributes = event.attributes() == null ? Map.of() : event.attributes();
        attributes.forEach((name, value) -> {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(new FieldError("attributes." + name, "must be a string, number or boolean"));
            }
        });
        if (event.type() == EventType.SERVICE_VISIT) {
            Long offered = wholeNumber(attributes, "addOnsOffered", 0, 1000, errors);
            Long accepted = wholeNumber(attributes, "addOnsAccepted", 0, 1000, errors);
            if (offered != null && accepted != null && accepted > offered) {
                errors.add(new FieldError("attributes.addOnsAccepted", "must not exceed addOnsOffered"));
            }
        }
        if (event.type() == EventType.TICKET_OPENED && attributes.containsKey("complaint")
                && !(attributes.get("complaint") instanceof Boolean)) {
            errors.add(new FieldError("attributes.complaint", "must be true or false"));
        }
        if (event.type() == EventType.TICKET_RESOLVED) {
            wholeNumber(attributes, "resolutionSatisfaction", 1, 10, errors);
        }
        return errors;
    }

    private static Long wholeNumber(Map<String, Object> attributes, String name, long min, long max, List<FieldError> errors) {
        Object value = attributes.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.longValue() >= min && number.longValue() <= max) {
            return number.longValue();
        }
        errors.add(new FieldError("attributes." + name, "must be a whole number between " + min + " and " + max));
        return null;
    }
}
