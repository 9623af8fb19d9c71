package dev.churnsentinel.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Removes what a benchmark run left in the local stack's database, so a run does not leave thousands of customers,
 * scores and tasks behind: only one tenant's rows, of the customers whose id starts with the run's prefix, in every
 * service's schema (ingestion's items and profiles, scoring's health and history, intervention's profiles, contacts,
 * tasks, their audit trail and notifications). The tables it deleted from are then vacuumed: left to autovacuum, the
 * dead rows of a run would be cleared in the middle of the next one and count against it, a cost a deployment that
 * does not delete its customers by the ten thousand never pays.
 */
final class RunCleanup {
    private static final int ATTEMPTS = 10;
    private static final List<String> TABLES = List.of("ingestion.feedback", "ingestion.customer_event",
            "ingestion.customer", "scoring.health_history", "scoring.customer_health", "scoring.signal_log",
            "intervention.notification", "intervention.task_event", "intervention.task", "intervention.customer_contact",
            "intervention.customer_profile");

    private RunCleanup() {
    }

    /** The run's customers of {@code tenant} (ids starting with {@code prefix}), everywhere. */
    static void customers(Connection db, String tenant, String prefix) throws SQLException, InterruptedException {
        String like = like(prefix);
        update(db, "delete from ingestion.feedback where tenant = ? and customer_id like ?", tenant, like);
        update(db, "delete from ingestion.customer_event where tenant = ? and customer_id like ?", tenant, like);
        update(db, "delete from ingestion.customer where tenant = ? and customer_id like ?", tenant, like);
        update(db, "delete from scoring.health_history where tenant = ? and customer_id like ?", tenant, like);
        update(db, "delete from scoring.customer_health where tenant = ? and customer_id like ?", tenant, like);
        update(db, "delete from scoring.signal_log where tenant = ? and customer_id like ?", tenant, like);
        // intervention may still be opening tasks or writing to them (a late tier change, a notification being sent):
        // try again until a delete meets nothing new that refers to what it removes
        for (int attempt = 1; ; attempt++) {
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try {
                removeTasks(db, tenant, like);
                update(db, "delete from intervention.customer_contact where tenant = ? and customer_id like ?", tenant, like);
                update(db, "delete from intervention.customer_profile where tenant = ? and customer_id like ?", tenant, like);
                db.commit();
                break;
            } catch (SQLException e) {
                db.rollback();
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(2_000);
            } finally {
                db.setAutoCommit(autoCommit);
            }
        }
        try (Statement vacuum = db.createStatement()) {
            vacuum.execute("vacuum (analyze) " + String.join(", ", TABLES));
        }
    }

    /** Ids of records the services applied (their processed-record tables) that start with {@code prefix}. */
    static void processedRecords(Connection db, String prefix) throws SQLException {
        String like = like(prefix);
        update(db, "delete from scoring.processed_record where record_id like ?", like);
        update(db, "delete from intervention.processed_record where record_id like ?", like);
    }

    private static void removeTasks(Connection db, String tenant, String like) throws SQLException {
        String tasks = "select id from intervention.task where tenant = ? and customer_id like ?";
        if (hasColumn(db, "intervention", "notification", "digest_id")) {
            // a digest (a notification of no task) that carried only the run's e-mails goes with them, in the same
            // statement (its references are checked at the statement's end); one still waiting stays, as the next
            // run's e-mails to the person join it
            update(db, "with run_task as (" + tasks + "), "
                    + "gone as (delete from intervention.notification where task_id in (select id from run_task) returning digest_id) "
                    + "delete from intervention.notification n where n.id in (select digest_id from gone) and n.status <> 'HELD' "
                    + "and not exists (select 1 from intervention.notification c where c.digest_id = n.id "
                    + "and (c.task_id is null or c.task_id not in (select id from run_task)))", tenant, like);
        } else {
            update(db, "delete from intervention.notification where task_id in (" + tasks + ")", tenant, like);
        }
        update(db, "delete from intervention.task_event where task_id in (" + tasks + ")", tenant, like);
        update(db, "delete from intervention.task where tenant = ? and customer_id like ?", tenant, like);
    }

    private static boolean hasColumn(Connection db, String schema, String table, String column) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select 1 from information_schema.columns "
                + "where table_schema = ? and table_name = ? and column_name = ?")) {
            query.setString(1, schema);
            query.setString(2, table);
            query.setString(3, column);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void update(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** A LIKE pattern matching the ids that start with {@code prefix} (its own _ and % match themselves). */
    private static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
