package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.platform.retention.TextRetention;
import dev.churnsentinel.platform.store.GroupedInserts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps every change of a task, in the caller's transaction, and tells the {@link TaskObserver}; the task_event table's
 * owner, which also removes the people's words from it (an erasure, the retention job).
 */
@ApplicationScoped
public class AuditTrail {
    /**
     * The keys of an entry's detail that hold people's words: a comment's text, a resolution's note, root cause and
     * actions, a cancellation's reason. As an SQL array, written as the index task_event_words names it.
     */
    static final String WORDS = "array['text', 'note', 'rootCause', 'actions', 'reason']";
    private static final String HAS_WORDS = "jsonb_exists_any(detail, " + WORDS + ")";

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
        return GroupedInserts.persist(event).chain(() -> observer.taskChanged(task, type, actor, event.at));
    }

    /**
     * Removes the people's words from the audit trails of the given tasks and notes the erasure on each, in the
     * caller's transaction; how many entries lost words.
     */
    public Uni<Integer> erase(String tenant, List<UUID> taskIds, String erasureId) {
        if (taskIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] ids = taskIds.stream().map(UUID::toString).toArray(String[]::new);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("update task_event set detail = detail - "
                                + WORDS + " where tenant = ?1 and task_id = any(cast(cast(?2 as text[]) as uuid[])) and "
                                + HAS_WORDS).setParameter(1, tenant).setParameter(2, ids).executeUpdate()
                .flatMap(cleared -> session.createNativeQuery("insert into task_event (tenant, task_id, at, actor, type, "
                                + "detail) select ?1, t, now(), '" + TaskEvent.SYSTEM + "', 'ERASED', "
                                + "jsonb_build_object('erasureId', cast(?3 as text)) from unnest(cast(cast(?2 as text[]) as uuid[])) as t")
                        .setParameter(1, tenant).setParameter(2, ids).setParameter(3, erasureId).executeUpdate()
                        .replaceWith(cleared)));
    }

    /**
     * Removes the people's words from up to {@code max} of the oldest entries written before their tenant's cutoff, in
     * {@code connection}'s transaction; how many.
     */
    public static int removeOldWords(Connection connection, TextRetention.Cutoffs cutoffs, int max) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update task_event set detail = detail - " + WORDS
                + " where id in (select id from task_event x where " + HAS_WORDS + " and "
                + cutoffs.olderThan("x.tenant", "x.at") + " order by x.at limit ? for update skip locked)")) {
            int next = cutoffs.bind(update, 1);
            update.setInt(next, max);
            return update.executeUpdate();
        }
    }
}
