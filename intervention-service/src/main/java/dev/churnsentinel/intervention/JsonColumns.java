package dev.churnsentinel.intervention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;

/**
 * The JSON columns of this service (a task's reason, guidance and escalation, audit details, playbook documents), read
 * and written one way. An entity holds such a column as the document's text and maps it with {@link #WRITE} and a read
 * that casts it to text: bound as JSON instead, Hibernate Reactive would parse each document into a {@code JsonObject}
 * for the PostgreSQL client to write out again, and the client would hand a read one back as a {@code JsonObject}.
 */
@ApplicationScoped
public class JsonColumns {
    /**
     * How an entity writes a JSON column: the text, cast by PostgreSQL (a parameter typed {@code jsonb} would take a
     * Java string for a JSON string).
     */
    public static final String WRITE = "cast(cast(? as text) as jsonb)";

    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(String document, Class<T> type) {
        try {
            return json.readValue(document, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
