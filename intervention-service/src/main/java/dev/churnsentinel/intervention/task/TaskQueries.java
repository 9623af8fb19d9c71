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
        if (filter.customerId() != null) {
            query.append(" and customerId = :customerId");
            parameters.and("customerId", filter.customerId());
        }
        if (filter.tier() != null) {
            query.append(" and tier = :tier");
            parameters.and("tier", filter.tier());
        }
        if (filter.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.assigneeId() != null) {
            query.append(" and assigneeId = :assigneeId");
            parameters.and("assigneeId", filter.assigneeId());
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            query.append(" and status in :open and dueAt < :now");
            parameters.and("open", Task.OPEN_STATUSES).and("now", OffsetDateTime.now());
        }
        return Task.<Task>find(query.toString(), Sort.ascending("dueAt"), parameters).page(Page.ofSize(limit)).list();
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
