package dev.churnsentinel.scoring.health;

import dev.churnsentinel.platform.jobs.Repeater;
import dev.churnsentinel.platform.store.SkipLockedDrain;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Silence detection (docs/domain.md §1 and §4: no voice is the most dangerous voice). A customer's silence becomes decisive at
 * their last interaction + the silence floor × their own rhythm; that moment is kept in {@code silent_after}, so the
 * scan reads only the customers whose moment has passed (an index range, not a pass over every customer), reassesses
 * each against the wall clock, and lets the alert policy announce what changed. A reassessed customer is looked at
 * again one rhythm later while the silence lasts; any new activity sets a new moment. Rows are locked
 * {@code FOR UPDATE SKIP LOCKED}, so replicas share a scan instead of repeating it.
 */
@ApplicationScoped
public class SilenceScan {
    private static final String DUE = "select * from customer_health where silent_after <= ?1 "
            + "order by silent_after limit ?2 for update skip locked";
    private static final String DUE_OF_TENANT = "select * from customer_health where tenant = ?3 and silent_after <= ?1 "
            + "order by silent_after limit ?2 for update skip locked";

    private final HealthService health;
    private final ScoringConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private Repeater repeater;

    public SilenceScan(HealthService health, ScoringConfig config) {
        this.health = health;
        this.config = config;
    }

    /** What one scan did. */
    public record Result(int flagged, long durationMs, Instant asOf) {
    }

    void start(@Observes StartupEvent startup) {
        repeater = Repeater.start("silence-scan", config.silenceScanInterval(), () -> {
            Result result = scan(null);
            if (result.flagged() > 0) {
                Log.infof("silence scan: %d customers silent beyond their rhythm, in %d ms", result.flagged(), result.durationMs());
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (repeater != null) {
            repeater.close();
        }
    }

    /**
     * Reassesses every customer whose silence has become decisive, of one tenant or (null) of all; blocking (call it
     * off the event loop).
     */
    public Result scan(String tenant) {
        Instant now = Instant.now();
        long started = System.nanoTime();
        if (!running.compareAndSet(false, true)) {
            return new Result(0, 0, now); // one scan at a time in this replica; the running one covers this call
        }
        int batch = config.silenceScanBatch();
        OffsetDateTime asOf = now.atOffset(ZoneOffset.UTC);
        try {
            SkipLockedDrain.Drained drained = SkipLockedDrain.drain(tenant == null ? DUE : DUE_OF_TENANT, CustomerHealth.class,
                    tenant == null ? List.of(asOf, batch) : List.of(asOf, batch, tenant), batch,
                    due -> health.reassessAgainstClock(due, now));
            if (drained.failure() != null) {
                Log.warnf("silence scan stopped after %d customers: %s", drained.count(), drained.failure().toString());
            }
            return new Result(drained.count(), (System.nanoTime() - started) / 1_000_000, now);
        } finally {
            running.set(false);
        }
    }
}
