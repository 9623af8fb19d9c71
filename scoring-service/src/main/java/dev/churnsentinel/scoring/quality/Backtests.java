package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.scoring.config.ModelStore;
import dev.churnsentinel.scoring.health.ScoringConfig;
import dev.churnsentinel.scoring.model.ModelConfig;
import dev.churnsentinel.scoring.model.RiskModel;
import dev.churnsentinel.scoring.model.SignalUpdater;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Runs backtests on a tenant's recorded history for the model-quality and fit resources: the tenant's model versions,
 * one streamed read of the signal log feeding any number of backtests (with the task outcomes in their windows), and
 * where the history starts. Call from a worker thread (it waits for the database).
 */
@ApplicationScoped
public class Backtests {
    private final SignalLog log;
    private final TaskOutcomeLog taskOutcomes;
    private final ModelStore models;
    private final ScoringConfig config;

    public Backtests(SignalLog log, TaskOutcomeLog taskOutcomes, ModelStore models, ScoringConfig config) {
        this.log = log;
        this.taskOutcomes = taskOutcomes;
        this.models = models;
        this.config = config;
    }

    /** A backtest of {@code model} as of each date, to be fed by {@link #read}. */
    public Backtest backtest(ModelConfig model, List<Instant> dates, int horizonDays, int lookBackDays) {
        return new Backtest(new RiskModel(model), new SignalUpdater(config.baselineSmoothing()), dates, horizonDays,
                lookBackDays);
    }

    /**
     * Feeds every customer's history of the tenant, once, to each backtest, and gives each the tasks intervention
     * resolved in its windows.
     */
    public void read(String tenant, Backtest... backtests) {
        for (Backtest backtest : backtests) {
            backtest.resolvedTasks(taskOutcomes.resolved(tenant, backtest.firstAsOf(), backtest.lastWindowEnd()));
        }
        log.read(tenant, history -> {
            for (Backtest backtest : backtests) {
                backtest.accept(history);
            }
        });
    }

    /** The model in force ({@code version} null) or the tenant's version of that number; 404 when there is none. */
    public ModelConfig model(String tenant, Integer version) {
        try {
            ModelConfig model = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    version == null ? models.current(tenant) : models.version(tenant, version)));
            if (model == null) {
                throw ProblemException.notFound("scoring model version " + version);
            }
            return model;
        } catch (Throwable e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    /** Where the tenant's recorded history starts, as the end of a sentence saying there is too little of it. */
    public String historyStart(String tenant) {
        Instant first = log.first(tenant);
        return first == null ? "; no history has been recorded for this tenant yet"
                : "; the tenant's recorded history starts at " + first;
    }
}
