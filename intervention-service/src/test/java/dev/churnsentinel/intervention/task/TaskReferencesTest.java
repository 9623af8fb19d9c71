package dev.churnsentinel.intervention.task;

import dev.churnsentinel.infra.InfrastructureTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poll writes its rows grouped by table, so a task's audit entry and e-mail may go in before the task: their
 * references are checked when the transaction commits, and still refused if the task never comes.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class TaskReferencesTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void anAuditEntryAndAnEMailMayPrecedeTheirTaskInItsTransaction() throws SQLException {
        UUID task = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            event(connection, task);
            notification(connection, task);
            try (PreparedStatement insert = connection.prepareStatement("insert into task (id, tenant, customer_id, tier, "
                    + "kind, playbook, playbook_version, status, assignee_role, created_at, updated_at, due_at, acknowledge_by, "
                    + "reason, guidance) values (?, 'demo', ?, 'RED', 'RESCUE', 'red', 1, 'OPEN', 'SENIOR_MANAGER', now(), "
                    + "now(), now() + interval '1 day', now() + interval '2 hours', '{}', '{}')")) {
                insert.setObject(1, task);
                insert.setString(2, "refs-" + task);
                insert.executeUpdate();
            }
            connection.commit();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from task_event where task_id = ?")) {
            count.setObject(1, task);
            var rows = count.executeQuery();
            assertTrue(rows.next() && rows.getInt(1) == 1);
        }
    }

    @Test
    void aReferenceToATaskThatNeverCameIsRefusedAtCommit() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            event(connection, UUID.randomUUID());
            SQLException refused = assertThrows(SQLException.class, connection::commit);
            assertTrue(refused.getMessage().contains("task_event_task_id_fkey"), refused.getMessage());
        }
    }

    private static void event(Connection connection, UUID task) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into task_event (tenant, task_id, at, actor, type, detail) values ('demo', ?, now(), 'system', 'CREATED', '{}')")) {
            insert.setObject(1, task);
            insert.executeUpdate();
        }
    }

    private static void notification(Connection connection, UUID task) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into notification (id, tenant, task_id, event, "
                + "channel, recipient, subject, body, status, attempt, created_at, at, next_attempt_at) values (?, 'demo', ?, "
                + "'TASK_CREATED', 'EMAIL', 'sm@demo.example.com', 's', 'b', 'PENDING', 0, now(), now(), now() + interval '1 day')")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, task);
            insert.executeUpdate();
        }
    }
}
