package dev.churnsentinel.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.churnsentinel.platform.json.NoNulCharacters;

import java.util.List;

/** Says which field of a JSON document could not be read, and why, in the words of the API. */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** The field and reason, or null when the document is not JSON at all (a parse error). */
    public static Problem.FieldError describe(JsonProcessingException e) {
        if (e instanceof NoNulCharacters.NulCharacterException nul) {
            return new Problem.FieldError(path(nul), nul.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Problem.FieldError(path(unknown), "unknown field");
        }
        if (e instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            String expected = target == null ? "another type"
                    : target.isEnum() ? "one of " + List.of(target.getEnumConstants()) : typeName(target);
            return new Problem.FieldError(path(mismatch), "must be " + expected);
        }
        if (e instanceof JsonMappingException mapping && mapping.getPath() != null && !mapping.getPath().isEmpty()) {
            return new Problem.FieldError(path(mapping), "has an invalid value");
        }
        return null;
    }

    /** {@code items[3].nps} from Jackson's reference chain; "body" for the document itself. */
    public static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String typeName(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp with offset, e.g. 2026-03-01T10:00:00+08:00";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
