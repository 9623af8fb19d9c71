package dev.churnsentinel.intervention.task;

import dev.churnsentinel.platform.retention.TextRetention;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import dev.churnsentinel.platform.api.Keyset;
import dev.churnsentinel.platform.api.Pager;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.api.Where;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the REST API reads, always within one tenant; what a notification about a task is sent with; and the removal of
 * the customer's words from tasks (an erasure, the retention job).
 */
@ApplicationScoped
public class TaskQueries {
    /**
     * A task's reason without the customer's words: the score, the stage and the signals' codes stay; the evidence
     * quotes and the signals' details go.
     */
    private static final String REASON_WITHOUT_WORDS = "jsonb_build_object('riskScore', reason -> 'riskScore', "
            + "'stage', reason -> 'stage', 'signals', coalesce((select jsonb_agg(jsonb_build_object('code', s -> 'code', "
            + "'detail', null)) from jsonb_array_elements(case when jsonb_typeof(reason -> 'signals') = 'array' "
            + "then reason -> 'signals' else cast('[]' as jsonb) end) as s), cast('[]' as jsonb)), 'evidence', cast('[]' as jsonb))";
    /** The columns that hold the customer's words, emptied ({@link #REASON_WITHOUT_WORDS}, root cause and actions). */
    private static final String WITHOUT_WORDS = "reason = " + REASON_WITHOUT_WORDS + ", root_cause = null, actions = null, "
            + "updated_at = now()";
    /** A task that still holds the customer's words: as the index task_words names it. */
    private static final String HAS_WORDS = "(root_cause is not null or actions is not null "
            + "or jsonb_path_exists(reason, '$.evidence[*]') "
            + "or jsonb_path_exists(reason, '$.signals[*].detail ? (@ != null && @ != \"\")'))";

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
        Where where = taskWhere(tenant, filter, new HashMap<>(position));
        return Task.<Task>find("from Task where " + where + after + " order by " + order.orderBy(), where.parameters())
                .page(Page.ofSize(max)).list();
    }

    @WithSession
    public Uni<Long> countTasks(String tenant, Filter filter) {
        Where where = taskWhere(tenant, filter, new HashMap<>());
        return Task.count(where.toString(), where.parameters());
    }

    private static Where taskWhere(String tenant, Filter filter, Map<String, Object> parameters) {
        Where where = new Where(parameters).equal("tenant", tenant).equal("customerId", filter.customerId())
                .in("tier", filter.tiers()).in("kind", filter.kinds()).in("status", filter.statuses())
                .equal("assigneeId", filter.assigneeId());
        if (filter.overdue() != null) {
            overdue(where, filter.overdue());
        }
        if (filter.escalated() != null) {
            where.and(filter.escalated() ? "escalationLevel > 0" : "escalationLevel = 0");
        }
        return where.between("createdAt", filter.created()).between("updatedAt", filter.updated());
    }

    /** Open tasks past their due date, or (with {@code overdue} false) every other task. */
    private static void overdue(Where where, boolean overdue) {
        where.and((overdue ? "" : "not ") + "(status in :overdueOpen and dueAt < :now)", "overdueOpen", Task.OPEN_STATUSES)
                .parameters().put("now", OffsetDateTime.now());
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
        Where where = queueWhere(tenant, q);
        return Task.<Task>find("from Task where " + where + " order by " + DEADLINE + ", createdAt", where.parameters())
                .page(Page.ofSize(limit)).list();
    }

    @WithSession
    public Uni<Long> queueSize(String tenant, Queue q) {
        Where where = queueWhere(tenant, q);
        return Task.count(where.toString(), where.parameters());
    }

    private static Where queueWhere(String tenant, Queue q) {
        Where where = new Where(new HashMap<>()).equal("tenant", tenant);
        if (q.status() != null) {
            where.equal("status", q.status());
        } else {
            where.and("status in :open", "open", Task.OPEN_STATUSES);
        }
        where.equal("tier", q.tier()).equal("kind", q.kind()).equal("assigneeId", q.assigneeId());
        if (q.overdue()) {
            overdue(where, true);
        }
        if (q.mineEmail() != null) {
            boolean team = q.customers() != null && !q.customers().isEmpty();
            where.and("(lower(assigneeEmail) = :me or lower(escalatedToEmail) = :me"
                    + (team ? " or customerId in :customers" : "") + ")", "me", q.mineEmail());
            if (team) {
                where.parameters().put("customers", q.customers());
            }
        }
        return where;
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

    /** What a notification about a task is sent with: the task as it stands when it is sent. */
    public record Facts(String customerId, String tier, String kind, OffsetDateTime dueAt, int escalationLevel) {
    }

    /** The facts of these tasks, by id, read on the notification dispatcher's connection (JDBC). */
    public Map<UUID, Facts> facts(Connection connection, Collection<UUID> ids) throws SQLException {
        Map<UUID, Facts> facts = new HashMap<>();
        if (ids.isEmpty()) {
            return facts;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select id, customer_id, tier, kind, due_at, escalation_level from task where id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    facts.put(rows.getObject("id", UUID.class), new Facts(rows.getString("customer_id"),
                            rows.getString("tier"), rows.getString("kind"), rows.getObject("due_at", OffsetDateTime.class),
                            rows.getInt("escalation_level")));
                }
            }
        }
        return facts;
    }

    /** The ids of the customer's tasks, locked until the caller's transaction ends (an erasure). */
    public Uni<List<UUID>> lockIdsOf(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select cast(id as text) from task "
                        + "where tenant = ?1 and customer_id = ?2 for update", String.class)
                .setParameter(1, tenant).setParameter(2, customerId).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }

    /**
     * Anonymises the customer's tasks in the caller's transaction: re-keyed to {@code anonymousId}, without the
     * customer's words (and a reason for leaving that is not an exit survey's code); what the reports count stays.
     * How many tasks.
     */
    public Uni<Integer> anonymise(String tenant, String customerId, String anonymousId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("update task set customer_id = ?3, "
                        + WITHOUT_WORDS + ", exit_reason = case when kind = 'EXIT_SURVEY' then exit_reason end "
                        + "where tenant = ?1 and customer_id = ?2")
                .setParameter(1, tenant).setParameter(2, customerId).setParameter(3, anonymousId).executeUpdate());
    }

    /**
     * Removes the customer's words from up to {@code max} of the oldest tasks whose words were last written (opened,
     * or resolved) before their tenant's cutoff, in {@code connection}'s transaction; how many.
     */
    public static int removeOldWords(Connection connection, TextRetention.Cutoffs cutoffs, int max) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update task set " + WITHOUT_WORDS + " where id in "
                + "(select id from task x where " + HAS_WORDS + " and "
                + cutoffs.olderThan("x.tenant", "coalesce(x.resolved_at, x.created_at)")
                + " order by coalesce(x.resolved_at, x.created_at) limit ? for update skip locked)")) {
            int next = cutoffs.bind(update, 1);
            update.setInt(next, max);
            return update.executeUpdate();
        }
    }
}
