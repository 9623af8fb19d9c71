package dev.churnsentinel.ingestion.erasure;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customer's erasure as its requester follows it: who asked and when, and each service's part — DONE with when and
 * what it removed or anonymised, or WAITING. The erasure is DONE when every service has confirmed.
 */
public record Erasure(UUID id, String customerId, OffsetDateTime requestedAt, String requestedBy, Status status,
                      List<Step> services) {
    @Schema(name = "ErasureStatus")
    public enum Status { IN_PROGRESS, DONE }

    /** One service's part: DONE with when and its counts, or IN_PROGRESS. */
    @Schema(name = "ErasureServiceStep")
    public record Step(String service, Status status, OffsetDateTime doneAt, Map<String, Long> counts) {
        static Step waiting(String service) {
            return new Step(service, Status.IN_PROGRESS, null, null);
        }
    }

    /** The service that takes the request and erases its own part at once. */
    public static final String INGESTION = "ingestion-service";

    /**
     * The erasure's progress from the steps confirmed so far: ingestion's own, then each service {@code expected} in
     * that order (waiting until it confirms), then any other service that confirmed.
     */
    static Erasure of(UUID id, String customerId, OffsetDateTime requestedAt, String requestedBy,
                      Map<String, Long> ownCounts, List<Step> confirmed, List<String> expected) {
        List<Step> services = new ArrayList<>();
        services.add(new Step(INGESTION, Status.DONE, requestedAt, ownCounts));
        for (String service : expected) {
            services.add(confirmed.stream().filter(s -> s.service().equals(service)).findFirst()
                    .orElse(Step.waiting(service)));
        }
        confirmed.stream().filter(s -> !expected.contains(s.service()) && !s.service().equals(INGESTION))
                .forEach(services::add);
        boolean done = services.stream().allMatch(s -> s.status() == Status.DONE);
        return new Erasure(id, customerId, requestedAt, requestedBy, done ? Status.DONE : Status.IN_PROGRESS,
                List.copyOf(services));
    }
}
