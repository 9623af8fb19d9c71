package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.api.Where;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The notification table: every query of it, for the API and the console (reactive) and for the dispatcher (JDBC). */
@ApplicationScoped
public class NotificationStore {

    /** Queues notifications in the caller's transaction. */
    public Uni<Void> enqueue(List<Notification> notifications) {
        return Notification.persist(notifications);
    }

    /** Filters of the notification list; null means "any". */
    public record Filter(UUID taskId, Set<String> channels, Set<String> statuses, Set<String> events,
                         QueryValues.Period created, QueryValues.Period updated) {
    }

    /** The notification list's orders: newest first (the default), oldest first, and by last change (for sync). */
    public static final Keyset<Notification> NEWEST = Keyset.of("newest",
            Keyset.Column.desc("createdAt", Keyset.Type.TIME, n -> n.createdAt), Keyset.Column.desc("id", Keyset.Type.UUID, n -> n.id));
    public static final Keyset<Notification> OLDEST = Keyset.of("createdAt",
            Keyset.Column.asc("createdAt", Keyset.Type.TIME, n -> n.createdAt), Keyset.Column.asc("id", Keyset.Type.UUID, n -> n.id));
    public static final Keyset<Notification> CHANGED = Keyset.of("updatedAt",
            Keyset.Column.asc("at", Keyset.Type.TIME, n -> n.at), Keyset.Column.asc("id", Keyset.Type.UUID, n -> n.id));

    @WithSession
    public Uni<List<Notification>> notifications(String tenant, Filter filter, Keyset<Notification> order, String after,
                                                 Map<String, Object> position, int max) {
        Where where = where(tenant, filter, new HashMap<>(position));
        return Notification.<Notification>find("from Notification where " + where + after + " order by " + order.orderBy(),
                where.parameters()).page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> count(String tenant, Filter filter) {
        Where where = where(tenant, filter, new HashMap<>());
        return Notification.count(where.toString(), where.parameters());
    }

    private static Where where(String tenant, Filter filter, Map<String, Object> parameters) {
        return new Where(parameters).equal("tenant", tenant).equal("taskId", filter.taskId()).in("channel", filter.channels())
                .in("status", filter.statuses()).in("event", filter.events()).between("createdAt", filter.created())
                .between("at", filter.updated());
    }

    /** The console's view of a task's notifications, oldest first. */
    @WithSession
    public Uni<List<Notification>> ofTask(String tenant, UUID taskId, int limit) {
        return Notification.<Notification>find("tenant = ?1 and taskId = ?2", Sort.ascending("createdAt"), tenant, taskId)
                .page(Page.ofSize(limit)).list();
    }
}
