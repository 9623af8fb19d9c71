package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.proto.events.v1.TaskOutcome;
import dev.churnsentinel.proto.events.v1.TaskResolved;
import dev.churnsentinel.proto.events.v1.Tier;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The table {@code task_outcome}: intervention's resolved tasks as it announced them, one row a task, so the backtest
 * can count how each tier's alarms ended. Written as the announcements arrive (a redelivered one changes nothing: the
 * row is keyed by tenant and task); read a tenant's window at a time.
 */
@ApplicationScoped
public class TaskOutcomeLog {
    private static final String RECORD = "insert into task_outcome (tenant, task_id, customer_id, kind, tier, outcome, "
            + "created_at, resolved_at) select t, k, c, d, r, o, cast(a as timestamptz), cast(z as timestamptz) "
            + "from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]), "
            + "cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[])) as u(t, k, c, d, r, o, a, z) "
            + "on conflict (tenant, task_id) do nothing";
    private static final String REKEY = "update task_outcome set customer_id = ?3 where tenant = ?1 and customer_id = ?2";
    private static final String READ = "select tier, kind, outcome, resolved_at from task_outcome "
            + "where tenant = ? and resolved_at > ? and resolved_at <= ?";

    private final AgroalDataSource dataSource;

    public TaskOutcomeLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the announcements in one statement and one transaction; a task already stored is left as it is. An
     * announcement without a tier, an outcome or its times is refused whole ({@link IllegalArgumentException}).
     */
    @WithTransaction
    public Uni<Void> record(List<TaskResolved> announcements) {
        if (announcements.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // checked in the pipeline, so an announcement refused fails the returned Uni, not its caller
        return Uni.createFrom().item(() -> announcements.stream().map(TaskOutcomeLog::checked).toList())
                .flatMap(TaskOutcomeLog::insert);
    }

    private static Uni<Void> insert(List<TaskResolved> announcements) {
        int n = announcements.size();
        String[] tenants = new String[n], tasks = new String[n], customers = new String[n], kinds = new String[n],
                tiers = new String[n], outcomes = new String[n], created = new String[n], resolved = new String[n];
        for (int i = 0; i < n; i++) {
            TaskResolved task = announcements.get(i);
            tenants[i] = task.getTenant();
            tasks[i] = task.getTaskId();
            customers[i] = task.getCustomerId();
            kinds[i] = task.getKind();
            tiers[i] = task.getTier().name();
            outcomes[i] = task.getOutcome().name();
            created[i] = task.getCreatedAt();
            resolved[i] = task.getResolvedAt();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(RECORD).setParameter(1, tenants)
                .setParameter(2, tasks).setParameter(3, customers).setParameter(4, kinds).setParameter(5, tiers)
                .setParameter(6, outcomes).setParameter(7, created).setParameter(8, resolved)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Files the customer's tasks under {@code anonymousId} instead, in the caller's transaction, and answers how many:
     * an erased customer's alarms still count in the false-alarm figures.
     */
    public Uni<Integer> rekey(String tenant, String customerId, String anonymousId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(REKEY).setParameter(1, tenant)
                .setParameter(2, customerId).setParameter(3, anonymousId).executeUpdate());
    }

    /** The announcement, if it says all that is stored; else {@link IllegalArgumentException}. */
    static TaskResolved checked(TaskResolved task) {
        if (task.getTenant().isEmpty() || task.getTaskId().isEmpty() || task.getCustomerId().isEmpty()
                || task.getTier() == Tier.TIER_UNSPECIFIED || task.getTier() == Tier.UNRECOGNIZED
                || task.getOutcome() == TaskOutcome.TASK_OUTCOME_UNSPECIFIED || task.getOutcome() == TaskOutcome.UNRECOGNIZED) {
            throw new IllegalArgumentException("task outcome " + task.getId() + " lacks its tenant, customer, task, tier "
                    + "or outcome");
        }
        try {
            Instant.parse(task.getCreatedAt());
            Instant.parse(task.getResolvedAt());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("task outcome " + task.getId() + ": " + e.getMessage(), e);
        }
        return task;
    }

    /** The tenant's tasks resolved after {@code from} and up to {@code to}; blocking (JDBC). */
    public List<AlarmOutcomes.Resolved> resolved(String tenant, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement read = connection.prepareStatement(READ)) {
            read.setString(1, tenant);
            read.setTimestamp(2, Timestamp.from(from));
            read.setTimestamp(3, Timestamp.from(to));
            List<AlarmOutcomes.Resolved> tasks = new ArrayList<>();
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    tasks.add(new AlarmOutcomes.Resolved(rows.getString("tier"), rows.getString("kind"),
                            rows.getString("outcome"), rows.getTimestamp("resolved_at").toInstant()));
                }
            }
            return tasks;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the task outcomes: " + e.getMessage(), e);
        }
    }
}
