package dev.churnsentinel.intervention.console;

import dev.churnsentinel.intervention.InterventionConfig;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What the console reads from scoring, bounded in time: a page must render at once even when scoring is slow or
 * away, so every read gives up after two seconds, stops trying for a while after repeated failures, and falls back
 * to "unknown" ({@link Read#unavailable()}), which the page shows as such.
 */
@ApplicationScoped
public class Scoring {
    /** A read that worked (with or without a value: a customer scoring has never seen) or could not be made. */
    public record Read<T>(Optional<T> value, boolean available) {
        static <T> Read<T> of(T value) {
            return new Read<>(Optional.ofNullable(value), true);
        }

        public static <T> Read<T> unavailable() {
            return new Read<>(Optional.empty(), false);
        }
    }

    private final ScoringApi api;
    private final InterventionConfig config;

    public Scoring(@RestClient ScoringApi api, InterventionConfig config) {
        this.api = api;
        this.config = config;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName("scoring-health")
    @Fallback(fallbackMethod = "healthUnavailable")
    public Uni<Read<ScoringApi.Health>> health(String tenant, String customerId) {
        return key(tenant).map(key -> api.health(key, customerId).map(Read::of)
                        .onFailure(Scoring::notFound).recoverWithItem(Read.of(null)))
                .orElseGet(() -> Uni.createFrom().item(Read.unavailable()));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName("scoring-history")
    @Fallback(fallbackMethod = "historyUnavailable")
    public Uni<Read<List<ScoringApi.HistoryEntry>>> history(String tenant, String customerId) {
        return key(tenant).map(key -> api.history(key, customerId).map(page -> Read.of(page.items()))
                        .onFailure(Scoring::notFound).recoverWithItem(Read.of(List.of())))
                .orElseGet(() -> Uni.createFrom().item(Read.unavailable()));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName("scoring-at-risk")
    @Fallback(fallbackMethod = "atRiskUnavailable")
    public Uni<Read<List<ScoringApi.AtRisk>>> atRisk(String tenant, String tier, int limit) {
        return key(tenant).map(key -> api.atRisk(key, tier, limit).map(page -> Read.of(page.items())))
                .orElseGet(() -> Uni.createFrom().item(Read.unavailable()));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName("scoring-tiers")
    @Fallback(fallbackMethod = "tiersUnavailable")
    public Uni<Read<ScoringApi.TierReport>> tiers(String tenant, int weeks) {
        return key(tenant).map(key -> api.tiers(key, weeks).map(Read::of))
                .orElseGet(() -> Uni.createFrom().item(Read.unavailable()));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName("scoring-model")
    @Fallback(fallbackMethod = "modelUnavailable")
    public Uni<Read<com.fasterxml.jackson.databind.JsonNode>> model(String tenant) {
        return key(tenant).map(key -> api.model(key).map(Read::of))
                .orElseGet(() -> Uni.createFrom().item(Read.unavailable()));
    }

    Uni<Read<com.fasterxml.jackson.databind.JsonNode>> modelUnavailable(String tenant, Throwable why) {
        return unavailable(why);
    }

    /**
     * Puts a new version of the tenant's scoring model. Not retried nor replaced by a fallback: the person must see
     * whether it was saved. The item is null when it was, else why not (scoring's problem detail and field errors).
     */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public Uni<String> replaceModel(String tenant, com.fasterxml.jackson.databind.JsonNode model) {
        return key(tenant).map(key -> api.replaceModel(key, model).map(saved -> (String) null)
                        .onFailure(WebApplicationException.class).recoverWithItem(e -> problem((WebApplicationException) e))
                        .onFailure().recoverWithItem(e -> "scoring cannot be reached: " + e.getClass().getSimpleName()))
                .orElseGet(() -> Uni.createFrom().item("no scoring API key for this tenant (sentinel.intervention.scoring.api-keys)"));
    }

    private static String problem(WebApplicationException e) {
        try {
            com.fasterxml.jackson.databind.JsonNode body = e.getResponse().readEntity(com.fasterxml.jackson.databind.JsonNode.class);
            StringBuilder text = new StringBuilder(body.path("detail").asText(body.path("title").asText("HTTP " + e.getResponse().getStatus())));
            body.path("errors").forEach(f -> text.append(" — ").append(f.path("field").asText()).append(": ")
                    .append(f.path("message").asText()));
            return text.toString();
        } catch (RuntimeException unreadable) {
            return "HTTP " + e.getResponse().getStatus();
        }
    }

    Uni<Read<ScoringApi.TierReport>> tiersUnavailable(String tenant, int weeks, Throwable why) {
        return unavailable(why);
    }

    Uni<Read<ScoringApi.Health>> healthUnavailable(String tenant, String customerId, Throwable why) {
        return unavailable(why);
    }

    Uni<Read<List<ScoringApi.HistoryEntry>>> historyUnavailable(String tenant, String customerId, Throwable why) {
        return unavailable(why);
    }

    Uni<Read<List<ScoringApi.AtRisk>>> atRiskUnavailable(String tenant, String tier, int limit, Throwable why) {
        return unavailable(why);
    }

    private static <T> Uni<Read<T>> unavailable(Throwable why) {
        Log.debugf("scoring could not be read: %s", why.toString());
        return Uni.createFrom().item(Read.unavailable());
    }

    private Optional<String> key(String tenant) {
        return Optional.ofNullable(config.scoring().apiKeys().get(tenant)).map(key -> "Bearer " + key);
    }

    private static boolean notFound(Throwable e) {
        return e instanceof WebApplicationException w && w.getResponse().getStatus() == 404;
    }
}
