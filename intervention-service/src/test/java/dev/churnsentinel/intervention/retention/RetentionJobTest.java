package dev.churnsentinel.intervention.retention;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.Tier;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.churnsentinel.intervention.Fixtures.INGEST;
import static dev.churnsentinel.intervention.Fixtures.await;
import static dev.churnsentinel.intervention.Fixtures.history;
import static dev.churnsentinel.intervention.Fixtures.notifications;
import static dev.churnsentinel.intervention.Fixtures.openTask;
import static dev.churnsentinel.intervention.Fixtures.profile;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention job removes the customers' words older than their tenant's limit (tenant retain: 30 days; everyone
 * else: 730) and keeps what the reports count; newer words stay.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
class RetentionJobTest {
    private static final String KEY = "k-retain";
    private static final String TENANT = "retain";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RetentionJob job;

    /** A RED task with the fixture's evidence, a comment and a resolution, its e-mail sent; its id. */
    private static String workedTask(String customer) {
        String id = openTask(KEY, TENANT, customer, Tier.RED).getString("items[0].id");
        given().auth().oauth2(KEY).contentType("application/json").body("{\"text\": \"客户说下个月不续了\"}")
                .post("/api/v1/tasks/" + id + "/comments").then().statusCode(201);
        given().auth().oauth2(KEY).contentType("application/json").body("{\"outcome\": \"RETAINED\", "
                        + "\"rootCause\": \"保养太贵\", \"actions\": \"两次免费保养\", \"cost\": 300, \"note\": \"原话：太贵了\"}")
                .post("/api/v1/tasks/" + id + "/resolve").then().statusCode(200);
        await(() -> notifications(KEY, id), n -> n.getList("items.status").stream()
                .noneMatch(s -> List.of("PENDING", "RETRYING", "HELD").contains(s)), "the task's e-mails sent");
        return id;
    }

    private static JsonPath task(String id) {
        return given().auth().oauth2(KEY).get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void wordsOlderThanTheTenantsLimitGoAndTheNumbersStay() throws Exception {
        String oldCustomer = "C-" + UUID.randomUUID(), recentCustomer = "C-" + UUID.randomUUID();
        profile(TENANT, oldCustomer, "zhou@example.com");
        profile(TENANT, recentCustomer, "zhou@example.com");
        TestTopics.awaitConsumed("intervention-service-profiles", INGEST, Duration.ofSeconds(20));
        String old = workedTask(oldCustomer), recent = workedTask(recentCustomer);
        // written 40 days ago: old for tenant retain (30 days), not for a tenant under the default 730
        String elsewhere;
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "update task set created_at = created_at - interval '40 days', "
                    + "resolved_at = resolved_at - interval '40 days' where id = ?::uuid", old);
            execute(connection, "update task_event set at = at - interval '40 days' where task_id = ?::uuid", old);
            execute(connection, "update notification set created_at = created_at - interval '40 days' "
                    + "where task_id = ?::uuid", old);
            elsewhere = UUID.randomUUID().toString();
            execute(connection, "create temporary table copied as select * from task where id = ?::uuid", old);
            execute(connection, "update copied set id = ?::uuid, tenant = 'retain-default'", elsewhere);
            execute(connection, "insert into task select * from copied", null);
            execute(connection, "drop table copied", null);
        }

        Map<String, Integer> removed = job.run(Instant.now());
        assertTrue(removed.get("tasks") >= 1, removed.toString());
        assertTrue(removed.get("taskEvents") >= 2, "the comment and the resolution: " + removed);
        assertTrue(removed.get("notifications") >= 1, removed.toString());

        JsonPath stripped = task(old);
        assertEquals(List.of(), stripped.getList("reason.evidence"));
        assertNull(stripped.getString("reason.signals[0].detail"));
        assertEquals("HIGH_RISK_KEYWORD", stripped.getString("reason.signals[0].code"));
        assertNull(stripped.getString("rootCause"));
        assertNull(stripped.getString("actions"));
        assertEquals(oldCustomer, stripped.getString("customerId"));
        assertEquals("RETAINED", stripped.getString("outcome"));
        assertEquals(300.0, stripped.getDouble("cost"));
        assertEquals(93.0, stripped.getDouble("reason.riskScore"));
        String trail = history(KEY, old).prettify();
        assertFalse(trail.contains("不续") || trail.contains("太贵"), trail);
        assertTrue(trail.contains("RETAINED"), trail);
        assertEquals(List.of(""), bodies(old).stream().distinct().toList(), "the e-mails' bodies");

        JsonPath kept = task(recent);
        assertEquals(List.of("…到期我们就解约，不想再续…"), kept.getList("reason.evidence"));
        assertEquals("保养太贵", kept.getString("rootCause"));
        assertTrue(history(KEY, recent).prettify().contains("客户说下个月不续了"));
        assertTrue(bodies(recent).stream().noneMatch(String::isEmpty), "recent e-mails keep their bodies");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select root_cause, reason::text from task where id = ?::uuid")) {
            select.setString(1, elsewhere);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals("保养太贵", row.getString(1), "40 days is young for a tenant under the default limit");
                assertTrue(row.getString(2).contains("解约"));
            }
        }

        Map<String, Integer> again = job.run(Instant.now());
        assertEquals(0, again.get("tasks"), "nothing left to remove: " + again);
    }

    private List<String> bodies(String taskId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select body from notification where task_id = ?::uuid")) {
            select.setString(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                List<String> bodies = new java.util.ArrayList<>();
                while (rows.next()) {
                    bodies.add(rows.getString(1));
                }
                assertFalse(bodies.isEmpty());
                return bodies;
            }
        }
    }

    private static void execute(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            statement.executeUpdate();
        }
    }
}
