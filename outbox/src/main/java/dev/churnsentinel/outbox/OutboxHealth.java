package dev.churnsentinel.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.SQLException;

/**
 * Reports the outbox: how many messages wait (at most: the span of the primary key above the relay's floor, two index
 * reads, as a probe every few seconds under an alert storm must not count a backlog of 200,000 rows) and whether Kafka
 * takes them. Stays UP while Kafka is down: accepting and keeping items for later is exactly what the outbox is for;
 * the database check decides.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {
    private final OutboxRelay relay;

    public OutboxHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox").up();
        try {
            response.withData("pending", relay.pendingAtMost());
        } catch (SQLException e) {
            response.down().withData("database", "unreachable");
        }
        response.withData("kafka", relay.lastError() == null ? "reachable" : "unreachable: " + relay.lastError());
        if (relay.lastSuccess() != null) {
            response.withData("lastRelayedAt", relay.lastSuccess().toString());
        }
        return response.build();
    }
}
