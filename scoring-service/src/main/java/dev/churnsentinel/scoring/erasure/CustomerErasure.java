package dev.churnsentinel.scoring.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.outbox.Outbox;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.scoring.health.CustomerHealth;
import dev.churnsentinel.scoring.health.HealthHistory;
import dev.churnsentinel.scoring.health.ScoringConfig;
import dev.churnsentinel.scoring.quality.SignalLog;
import dev.churnsentinel.scoring.quality.TaskOutcomeLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forgets a customer (a {@code CustomerErasureRequested} record), in the transaction that applies their ingest records:
 * deletes what names them or holds their words — their health row (signals with evidence quotes, the latest
 * assessment) and their tier history (its reasons quote them) — and files what the reports still need under an
 * anonymous id ({@link ErasureRequest#anonymousId()}): their signal log, which the backtests replay and which holds no
 * free text, and intervention's outcomes of their tasks, which the false-alarm counts read. Then the
 * {@code ErasureStep} to announce. An erasure already applied ({@link ErasureLog}) changes nothing and announces
 * nothing; one of a customer scoring never saw announces a step with every count 0.
 */
@ApplicationScoped
public class CustomerErasure {
    private final ErasureLog erasures;
    private final SignalLog signalLog;
    private final TaskOutcomeLog taskOutcomes;
    private final ScoringConfig config;
    private final ObjectMapper json;

    public CustomerErasure(ErasureLog erasures, SignalLog signalLog, TaskOutcomeLog taskOutcomes, ScoringConfig config,
                           ObjectMapper json) {
        this.erasures = erasures;
        this.signalLog = signalLog;
        this.taskOutcomes = taskOutcomes;
        this.config = config;
        this.json = json;
    }

    /**
     * Applies the erasure record in the caller's transaction and answers the step to enqueue with it, or null when the
     * erasure was applied before. The caller's pending changes are flushed first (the statements here are native) and
     * its session is cleared after, so no managed copy of a deleted row is written back or found again.
     *
     * @param traceParent the trace the step continues (the record's {@code traceparent}), or null
     */
    public Uni<Outbox.Message> apply(IngestRecord record, String traceParent) {
        return Uni.createFrom().item(() -> ErasureRequest.of(record)).flatMap(request -> {
            Instant doneAt = Instant.now();
            Map<String, Long> counts = new LinkedHashMap<>();
            return Panache.getSession().flatMap(session -> session.flush()
                    .chain(() -> erasures.claim(request, doneAt))
                    .flatMap(claimed -> {
                        if (!claimed) {
                            Log.infof("erasure %s of tenant %s was applied before: nothing to do", request.erasureId(),
                                    request.tenant());
                            return Uni.createFrom().<Outbox.Message>nullItem();
                        }
                        String tenant = request.tenant(), customer = request.customerId(), anonymous = request.anonymousId();
                        return CustomerHealth.erase(tenant, customer).invoke(n -> counts.put("health", n.longValue()))
                                .chain(() -> HealthHistory.erase(tenant, customer))
                                .invoke(n -> counts.put("history", n.longValue()))
                                .chain(() -> signalLog.rekey(tenant, customer, anonymous))
                                .invoke(n -> counts.put("signalLog", n.longValue()))
                                .chain(() -> taskOutcomes.rekey(tenant, customer, anonymous))
                                .invoke(n -> counts.put("taskOutcomes", n.longValue()))
                                .chain(() -> erasures.counts(request.erasureId(), write(counts)))
                                .invoke(() -> session.clear())
                                .map(ignored -> {
                                    Log.infof("erasure %s of tenant %s applied: %s", request.erasureId(), tenant, counts);
                                    return new Outbox.Message(config.erasureTopic(), request.key(),
                                            request.step(counts, doneAt).toByteArray(), traceParent);
                                });
                    }));
        });
    }

    private String write(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
