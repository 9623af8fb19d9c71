package dev.churnsentinel.intervention;

import dev.churnsentinel.intervention.task.Task;
import dev.churnsentinel.intervention.task.TaskReason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.List;

/** The JSON columns of this service (a task's reason, guidance and escalation, audit details, playbook documents), read and written one way. */
@ApplicationScoped
public class JsonColumns {
    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    /** How guidance is stored (Hibernate Reactive binds JSON objects, not arrays). */
    public record Guidance(List<String> lines) {
    }

    public TaskReason reason(Task task) {
        return read(task.reason, TaskReason.class);
    }

    public List<String> guidance(Task task) {
        return read(task.guidance, Guidance.class).lines();
    }

    public Task.Escalation escalation(Task task) {
        return read(task.escalation, Task.Escalation.class);
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
