package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.notify.Notification;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.Pager;
import dev.churnsentinel.platform.api.QueryValues;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the REST API reads; always within one tenant. */
@ApplicationScoped
public class TaskQueries {

    /** Filters of the task list; null means "any". Times: {@code since} inclusive, {@code before} exclusive. */
    public record Filter(String customerId, Set<String> tiers, Set<String> kinds, Set<String> statuses, String assigneeId,
                         Boolean overdue, Boolean escalated, QueryValues.Period created, QueryValues.Period updated) {
    }

    /** The task list's orders: by due date (the default), by last change (for sync) and by creation. */
    public static final Keyset<Task> BY_DUE = Keyset.of("dueAt", Keyset.Column.asc("dueAt", Keyset.Type.TIME, t -> t.dueAt),
            Keyset.Column.asc("id", Keyset.Type.UUID, t -> t.id));
    public static final Keyset<Task> BY_UPDATE = Keyset.of("updatedAt",
            Keyset.Column.asc("updatedAt", Keyset.Type.TIME, t -> t.updatedAt), Keyset.Column.asc("id", Keyset.Type.UUID, t -> t.id));
    public static final Keyset<Task> BY_CREATION = Keyset.of("createdAt",
            Keyset.Column.asc("createdAt", Keyset.Type.TIME, t -> t.createdAt), Keyset.Column.asc("id", Keyset.Type.UUID, t -> t.id));

    /** At most {@code max} tasks matching the filter in the given order, after a position ({@link Pager.Rows}). */
    @WithSession
    public Uni<List<Task>> tasks(String tenant, Filter filter, Keyset<Task> order, String after, Map<String, Object> position,
                                 int max) {
        Map<String, Object> parameters = new HashMap<>(position);
        String where = taskWhere(tenant, filter, parameters);
        return Task.<Task>find("from Task where " + where + after + " order by " + order.orderBy(), parameters)
                .page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> countTasks(String tenant, Filter filter) {
        Map<String, Object> parameters = new HashMap<>();
        return Task.count(taskWhere(tenant, filter, parameters), parameters);
    }

    private static String taskWhere(String tenant, Filter filter, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        parameters.put("tenant", tenant);
        equal(where, parameters, "customerId", filter.customerId());
        in(where, parameters, "tier", filter.tiers());
        in(where, parameters, "kind", filter.kinds());
        in(where, parameters, "status", filter.statuses());
        equal(where, parameters, "assigneeId", filter.assigneeId());
        if (filter.overdue() != null) {
            overdue(where, parameters, filter.overdue());
        }
        if (filter.escalated() != null) {
            where.append(filter.escalated() ? " and escalationLevel > 0" : " and escalationLevel = 0");
        }
        between(where, parameters, "createdAt", filter.created());
        between(where, parameters, "updatedAt", filter.updated());
        return where.toString();
    }

    private static void in(StringBuilder where, Map<String, Object> parameters, String field, Set<String> values) {
        if (values != null) {
            where.append(" and ").append(field).append(" in :").append(field);
            parameters.put(field, values);
        }
    }

    /** {@code since} inclusive, {@code before} exclusive; either may be null. */
    private static void between(StringBuilder where, Map<String, Object> parameters, String field, QueryValues.Period period) {
        if (period.since() != null) {
            where.append(" and ").append(field).append(" >= :").append(field).append("Since");
            parameters.put(field + "Since", period.since());
        }
        if (period.before() != null) {
            where.append(" and ").append(field).append(" < :").append(field).append("Before");
            parameters.put(field + "Before", period.before());
        }
    }

    /** Adds {@code and field = :field} when the filter names a value. */
    private static void equal(StringBuilder query, Map<String, Object> parameters, String field, Object value) {
        if (value != null) {
            query.append(" and ").append(field).append(" = :").append(field);
            parameters.put(field, value);
        }
    }

    /** Open tasks past their due date, or (with {@code overdue} false) every other task. */
    private static void overdue(StringBuilder query, Map<String, Object> parameters, boolean overdue) {
        query.append(overdue ? " and " : " and not ").append("(status in :overdueOpen and dueAt < :now)");
        parameters.put("overdueOpen", Task.OPEN_STATUSES);
        parameters.put("now", OffsetDateTime.now());
    }

    /**
     * The console's queue: open tasks unless a status is asked for, narrowed to a person's reach.
     *
     * @param mineEmail tasks assigned or escalated to this address (null: anyone's)
     * @param customers or tasks of these customers (the person's team); null: no such widening
     */
    public record Queue(String tier, String status, String kind, boolean overdue, String assigneeId, String mineEmail,
                        List<String> customers) {
    }

    /** The deadline a queue is sorted by: acknowledge-by while a task waits for it, else due. */
    private static final String DEADLINE = "case when status = 'OPEN' and acknowledgeBy < dueAt then acknowledgeBy else dueAt end";

    @WithSession
    public Uni<List<Task>> queue(String tenant, Queue q, int limit) {
        Map<String, Object> parameters = new HashMap<>(Map.of("tenant", tenant));
        String where = queueWhere(q, parameters);
        return Task.<Task>find("from Task where " + where + " order by " + DEADLINE + ", createdAt", parameters)
                .page(Page.ofSize(limit)).list();
    }

    @WithSession
    public Uni<Long> queueSize(String tenant, Queue q) {
        Map<String, Object> parameters = new HashMap<>(Map.of("tenant", tenant));
        return Task.count(queueWhere(q, parameters), parameters);
    }

    private static String queueWhere(Queue q, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        if (q.status() != null) {
            equal(where, parameters, "status", q.status());
        } else {
            where.append(" and status in :open");
            parameters.put("open", Task.OPEN_STATUSES);
        }
        equal(where, parameters, "tier", q.tier());
        equal(where, parameters, "kind", q.kind());
        equal(where, parameters, "assigneeId", q.assigneeId());
        if (q.overdue()) {
            overdue(where, parameters, true);
        }
        if (q.mineEmail() != null) {
            where.append(" and (lower(assigneeEmail) = :me or lower(escalatedToEmail) = :me");
            parameters.put("me", q.mineEmail());
            if (q.customers() != null && !q.customers().isEmpty()) {
                where.append(" or customerId in :customers");
                parameters.put("customers", q.customers());
            }
            where.append(")");
        }
        return where.toString();
    }

    /** A customer's tasks, newest first. */
    @WithSession
    public Uni<List<Task>> ofCustomer(String tenant, String customerId, int limit) {
        return Task.<Task>find("tenant = ?1 and customerId = ?2", Sort.descending("createdAt"), tenant, customerId)
                .page(Page.ofSize(limit)).list();
    }

    @WithSession
    public Uni<Task> task(String tenant, UUID id) {
        return Task.<Task>find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    /** A task's audit trail in the order it happened. */
    public static final Keyset<TaskEvent> EVENTS_IN_ORDER = Keyset.of("id",
            Keyset.Column.asc("id", Keyset.Type.INTEGER, e -> e.id));

    @WithSession
    public Uni<List<TaskEvent>> history(String tenant, UUID taskId, String after, Map<String, Object> position, int max) {
        Map<String, Object> parameters = new HashMap<>(position);
        parameters.put("tenant", tenant);
        parameters.put("task", taskId);
        return TaskEvent.<TaskEvent>find("from TaskEvent where tenant = :tenant and taskId = :task" + after + " order by "
                + EVENTS_IN_ORDER.orderBy(), parameters).page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> countHistory(String tenant, UUID taskId) {
        return TaskEvent.count("tenant = ?1 and taskId = ?2", tenant, taskId);
    }

    /** The console's view of a task's audit trail: all of it. */
    @WithSession
    public Uni<List<TaskEvent>> history(String tenant, UUID taskId) {
        return TaskEvent.<TaskEvent>find("tenant = ?1 and taskId = ?2", Sort.ascending("id"), tenant, taskId).list();
    }

    /** Filters of the notification list; null means "any". */
    public record NotificationFilter(UUID taskId, Set<String> channels, Set<String> statuses, Set<String> events,
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
    public Uni<List<Notification>> notifications(String tenant, NotificationFilter filter, Keyset<Notification> order,
                                                 String after, Map<String, Object> position, int max) {
        Map<String, Object> parameters = new HashMap<>(position);
        String where = notificationWhere(tenant, filter, parameters);
        return Notification.<Notification>find("from Notification where " + where + after + " order by " + order.orderBy(),
                parameters).page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> countNotifications(String tenant, NotificationFilter filter) {
        Map<String, Object> parameters = new HashMap<>();
        return Notification.count(notificationWhere(tenant, filter, parameters), parameters);
    }

    private static String notificationWhere(String tenant, NotificationFilter filter, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        parameters.put("tenant", tenant);
        equal(where, parameters, "taskId", filter.taskId());
        in(where, parameters, "channel", filter.channels());
        in(where, parameters, "status", filter.statuses());
        in(where, parameters, "event", filter.events());
        between(where, parameters, "createdAt", filter.created());
        between(where, parameters, "at", filter.updated());
        return where.toString();
    }

    /** The console's view of a task's notifications, oldest first. */
    @WithSession
    public Uni<List<Notification>> notificationsOf(String tenant, UUID taskId, int limit) {
        return Notification.<Notification>find("tenant = ?1 and taskId = ?2", Sort.ascending("createdAt"), tenant, taskId)
                .page(Page.ofSize(limit)).list();
    }
}
