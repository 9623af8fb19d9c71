package dev.churnsentinel.intervention.task;

import dev.churnsentinel.intervention.notify.Notification;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the REST API reads; always within one tenant. */
@ApplicationScoped
public class TaskQueries {

    /** Filters of the task list; null means "any". */
    public record Filter(String customerId, String tier, String status, String assigneeId, Boolean overdue) {
    }

    @WithSession
    public Uni<List<Task>> tasks(String tenant, Filter filter, int limit) {
        StringBuilder query = new StringBuilder("tenant = :tenant");
        Parameters parameters = Parameters.with("tenant", tenant);
        equal(query, parameters, "customerId", filter.customerId());
        equal(query, parameters, "tier", filter.tier());
        equal(query, parameters, "status", filter.status());
        equal(query, parameters, "assigneeId", filter.assigneeId());
        if (Boolean.TRUE.equals(filter.overdue())) {
            overdue(query, parameters);
        }
        return Task.<Task>find(query.toString(), Sort.ascending("dueAt"), parameters).page(Page.ofSize(limit)).list();
    }

    /** Adds {@code and field = :field} when the filter names a value. */
    private static void equal(StringBuilder query, Parameters parameters, String field, Object value) {
        if (value != null) {
            query.append(" and ").append(field).append(" = :").append(field);
            parameters.and(field, value);
        }
    }

    /** Open tasks past their due date. */
    private static void overdue(StringBuilder query, Parameters parameters) {
        query.append(" and status in :overdueOpen and dueAt < :now");
        parameters.and("overdueOpen", Task.OPEN_STATUSES).and("now", OffsetDateTime.now());
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
        Parameters parameters = Parameters.with("tenant", tenant);
        String where = queueWhere(q, parameters);
        return Task.<Task>find("from Task where " + where + " order by " + DEADLINE + ", createdAt", parameters)
                .page(Page.ofSize(limit)).list();
    }

    @WithSession
    public Uni<Long> queueSize(String tenant, Queue q) {
        Parameters parameters = Parameters.with("tenant", tenant);
        return Task.count(queueWhere(q, parameters), parameters);
    }

    private static String queueWhere(Queue q, Parameters parameters) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        if (q.status() != null) {
            equal(where, parameters, "status", q.status());
        } else {
            where.append(" and status in :open");
            parameters.and("open", Task.OPEN_STATUSES);
        }
        equal(where, parameters, "tier", q.tier());
        equal(where, parameters, "kind", q.kind());
        equal(where, parameters, "assigneeId", q.assigneeId());
        if (q.overdue()) {
            overdue(where, parameters);
        }
        if (q.mineEmail() != null) {
            where.append(" and (lower(assigneeEmail) = :me or lower(escalatedToEmail) = :me");
            parameters.and("me", q.mineEmail());
            if (q.customers() != null && !q.customers().isEmpty()) {
                where.append(" or customerId in :customers");
                parameters.and("customers", q.customers());
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

    @WithSession
    public Uni<List<TaskEvent>> history(String tenant, UUID taskId) {
        return TaskEvent.<TaskEvent>find("tenant = ?1 and taskId = ?2", Sort.ascending("id"), tenant, taskId).list();
    }

    @WithSession
    public Uni<List<Notification>> notifications(String tenant, UUID taskId, int limit) {
        return (taskId == null
                ? Notification.<Notification>find("tenant = ?1", Sort.descending("createdAt"), tenant)
                : Notification.<Notification>find("tenant = ?1 and taskId = ?2", Sort.ascending("createdAt"), tenant, taskId))
                .page(Page.ofSize(limit)).list();
    }
}
