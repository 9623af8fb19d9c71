package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.scoring.model.ModelConfig;
import dev.churnsentinel.scoring.model.ModelRules;
import dev.churnsentinel.scoring.model.Points;
import dev.churnsentinel.scoring.model.RiskModel;
import dev.churnsentinel.scoring.model.SignalUpdater;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFitTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final SignalUpdater UPDATER = new SignalUpdater(0.3);
    /** Drifters who only spend less: the default model weighs spending at 30 % and a 50 % drop at 62 points. */
    private static final Population.Drift SPENDING_ONLY = new Population.Drift(false, false, false, true);

    /** Fits on monthly dates before the date, as the resource does, and backtests both models after it. */
    private record Outcome(ModelConfig proposed, ModelQuality current, ModelQuality fitted, ModelFit fit) {
    }

    private static Outcome fitAndTest(List<Population.Customer> customers, ModelConfig model) {
        List<Instant> dates = new ArrayList<>();
        for (Instant d = AS_OF.minus(Duration.ofDays(365)); !d.isAfter(AS_OF.minus(Duration.ofDays(90))); d = d.plus(Duration.ofDays(30))) {
            dates.add(d);
        }
        RiskModel risk = new RiskModel(model);
        ModelFit fit = new ModelFit(model, dates.size());
        Backtest training = new Backtest(risk, UPDATER, dates, 90, 180)
                .listener((id, at, signals, assessment, churned) -> fit.add(risk.units(signals, at), assessment, churned));
        Backtest before = new Backtest(risk, UPDATER, List.of(AS_OF), 90, 180);
        customers.forEach(c -> {
            training.accept(c.history());
            before.accept(c.history());
        });
        ModelConfig proposed = fit.fit().proposed();
        Backtest after = new Backtest(new RiskModel(proposed), UPDATER, List.of(AS_OF), 90, 180);
        customers.forEach(c -> after.accept(c.history()));
        return new Outcome(proposed, before.results(1, 180, END).get(0).quality(), after.results(1, 180, END).get(0).quality(), fit);
    }

    @Test
    void onHistoryWhoseTruthTheDefaultsWeighWronglyTheFitWarnsBetterOnTheLaterPeriod() {
        List<Population.Customer> customers = new Population(21, START, END, SPENDING_ONLY).customers(4000, 0.15, 0.2, 0.05);
        Outcome outcome = fitAndTest(customers, ModelConfig.defaults());
        System.out.printf("spending only: AUC %s -> %s; proposed %s%n", outcome.current().auc(), outcome.fitted().auc(), outcome.proposed());
        assertTrue(outcome.fitted().auc().value() >= outcome.current().auc().value() + 0.05,
                "AUC " + outcome.current().auc() + " -> " + outcome.fitted().auc());
        assertTrue(Points.SPEND_DROP.of(outcome.proposed()) > Points.SPEND_DROP.of(ModelConfig.defaults()),
                "spending drops are worth more: " + outcome.proposed());
        assertTrue(ModelRules.problems(outcome.proposed()).isEmpty(), ModelRules.problems(outcome.proposed()).toString());
        assertTrue(outcome.fitted().missedChurners() < outcome.current().missedChurners(),
                outcome.current().missedChurners() + " -> " + outcome.fitted().missedChurners() + " missed");
    }

    @Test
    void onHistoryLikeTheDefaultsTheFitKeepsTheirQuality() {
        List<Population.Customer> customers = new Population(22, START, END, Population.Drift.ALL).customers(4000, 0.15, 0.2, 0.05);
        Outcome outcome = fitAndTest(customers, ModelConfig.defaults());
        System.out.printf("all: AUC %s -> %s; proposed %s%n", outcome.current().auc(), outcome.fitted().auc(), outcome.proposed());
        assertTrue(outcome.fitted().auc().value() >= outcome.current().auc().value() - 0.01,
                "AUC " + outcome.current().auc() + " -> " + outcome.fitted().auc());
    }

    @Test
    void aSmallTenantGetsNearlyTheModelItHas() {
        List<Population.Customer> customers = new Population(23, START, END, SPENDING_ONLY).customers(150, 0.3, 0.2, 0.0);
        Outcome outcome = fitAndTest(customers, ModelConfig.defaults());
        assertTrue(outcome.fit().churners() >= ModelFit.MIN_CHURNERS, outcome.fit().churners() + " churners");
        for (Points p : Points.values()) {
            double was = p.of(ModelConfig.defaults()), now = p.of(outcome.proposed());
            assertTrue(Math.abs(now - was) <= 0.5 * was, p.field() + " " + was + " -> " + now);
        }
    }

    @Test
    void pointsStayNonNegativeAndTheCutsInOrder() {
        // a model that already weighs spending heavily, on a population whose drift shows everywhere but in spending
        ModelConfig heavy = ModelConfig.defaults().toBuilder().pointsPerPercentSpendDrop(5).build();
        List<Population.Customer> customers = new Population(24, START, END,
                new Population.Drift(true, true, true, false)).customers(3000, 0.15, 0.2, 0.05);
        ModelConfig proposed = fitAndTest(customers, heavy).proposed();
        for (Points p : Points.values()) {
            assertTrue(p.of(proposed) >= 0, p.field() + " " + p.of(proposed));
        }
        assertTrue(0 < proposed.yellowFrom() && proposed.yellowFrom() < proposed.orangeFrom()
                && proposed.orangeFrom() < proposed.redFrom() && proposed.redFrom() <= 100, proposed.toString());
        assertEquals(heavy.version(), proposed.version(), "the proposal carries the version it was fitted from");
        assertEquals(heavy.behaviourWeight(), proposed.behaviourWeight(), "dimensions keep their weights");
    }
}
