package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.JsonColumns;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps every change of a task, in the caller's transaction, and tells the {@link TaskObserver}. */
@ApplicationScoped
public class AuditTrail {
    private final JsonColumns json;
    private final TaskObserver observer;

    public AuditTrail(JsonColumns json, TaskObserver observer) {
        this.json = json;
        this.observer = observer;
    }

    /** @param detail name/value pairs; null values are left out */
    public Uni<Void> record(Task task, String actor, String type, Object... detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < detail.length; i += 2) {
            if (detail[i + 1] != null) {
                fields.put((String) detail[i], detail[i + 1]);
            }
        }
        TaskEvent event = new TaskEvent();
        event.tenant = task.tenant;
        event.taskId = task.id;
        event.at = OffsetDateTime.now(ZoneOffset.UTC);
        event.actor = actor;
        event.type = type;
        event.detail = json.write(fields);
        return event.persist().chain(() -> observer.taskChanged(task, type, actor, event.at));
    }
}
