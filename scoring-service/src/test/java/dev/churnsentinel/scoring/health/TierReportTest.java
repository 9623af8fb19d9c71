package dev.churnsentinel.scoring.health;

import dev.churnsentinel.infra.InfrastructureTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Customers per tier now and at each week's end, for the managers' dashboard. */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(TextSignalServiceResource.class)
class TierReportTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachWeekCountsACustomerInTheTierTheyWereInThenAndNowCountsTheirValue() throws SQLException {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("delete from health_history where tenant = 'tiers'");
            c.createStatement().execute("delete from customer_health where tenant = 'tiers'");
            // C1: RED 20 days ago, GREEN again 10 days ago; C2: YELLOW 2 days ago
            history(c, "C1", "RED", now.minus(Duration.ofDays(20)));
            history(c, "C1", "GREEN", now.minus(Duration.ofDays(10)));
            history(c, "C2", "YELLOW", now.minus(Duration.ofDays(2)));
            health(c, "C1", "GREEN", 1000);
            health(c, "C2", "YELLOW", 5000);
        }
        given().auth().oauth2("k-tiers").when().get("/api/v1/reports/tiers?weeks=4").then().statusCode(200)
                .body("now.GREEN.customers", equalTo(1)).body("now.YELLOW.customers", equalTo(1))
                .body("now.YELLOW.annualValue", equalTo(5000.0f)).body("now.RED.customers", equalTo(0))
                .body("weeks.size()", equalTo(4))
                .body("weeks[0].customers.RED", equalTo(0)).body("weeks[0].customers.GREEN", equalTo(0))
                .body("weeks[1].customers.RED", equalTo(1))
                .body("weeks[2].customers.RED", equalTo(0)).body("weeks[2].customers.GREEN", equalTo(1))
                .body("weeks[3].customers.GREEN", equalTo(1)).body("weeks[3].customers.YELLOW", equalTo(1));
        given().auth().oauth2("k-tiers").when().get("/api/v1/reports/tiers?weeks=0").then().statusCode(400)
                .body("errors[0].field", equalTo("weeks"));
        given().auth().oauth2("k-acme").when().get("/api/v1/reports/tiers").then().statusCode(200)
                .body("now.YELLOW.annualValue", equalTo(0));
    }

    private static void history(Connection c, String customer, String tier, Instant at) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into health_history "
                + "(tenant, customer_id, risk_score, tier, stage, reason, computed_at) values ('tiers', ?, 50, ?, 'SATISFIED', '{}', ?)")) {
            insert.setString(1, customer);
            insert.setString(2, tier);
            insert.setTimestamp(3, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    private static void health(Connection c, String customer, String tier, int annualValue) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into customer_health "
                + "(tenant, customer_id, signals, tier, annual_value, computed_at) values ('tiers', ?, '{}', ?, ?, now())")) {
            insert.setString(1, customer);
            insert.setString(2, tier);
            insert.setInt(3, annualValue);
            insert.executeUpdate();
        }
    }
}
