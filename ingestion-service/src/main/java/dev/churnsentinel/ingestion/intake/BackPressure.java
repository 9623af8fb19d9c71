package dev.churnsentinel.ingestion.intake;

import dev.churnsentinel.outbox.OutboxRelay;
import dev.churnsentinel.platform.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/** Refuses new items with 503 and Retry-After while the outbox backlog is over its limit. */
public class BackPressure {
    private static final Set<String> WRITES = Set.of("POST", "PUT");

    private final OutboxRelay relay;
    private final IngestionConfig config;

    public BackPressure(OutboxRelay relay, IngestionConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @ServerRequestFilter
    public void refuseWhenBackedUp(ContainerRequestContext request) {
        if (WRITES.contains(request.getMethod()) && request.getUriInfo().getPath().startsWith("/api/")
                && relay.backlog() > config.maxOutboxBacklog()) {
            throw ProblemException.unavailable(relay.backlog() + " accepted items are still waiting for Kafka"
                    + " (limit " + config.maxOutboxBacklog() + "); nothing of this request was kept, send it again later",
                    config.retryAfterSeconds());
        }
    }
}
