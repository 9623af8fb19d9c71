package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.scoring.model.Inputs;
import dev.churnsentinel.scoring.model.ModelConfig;
import dev.churnsentinel.scoring.model.RiskModel;
import dev.churnsentinel.scoring.model.SignalUpdater;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final RiskModel DEFAULT = new RiskModel(ModelConfig.defaults());
    private static final SignalUpdater UPDATER = new SignalUpdater(0.3);

    private static Backtest backtest(Instant... asOfs) {
        return new Backtest(DEFAULT, UPDATER, List.of(asOfs), 90, 180);
    }

    @Test
    void aRecordAfterTheDateCannotReachTheScoreAsOfIt() {
        List<Population.Customer> customers = new Population(1, START, END, Population.Drift.ALL).customers(300, 0.15, 0.2, 0.05);
        Map<String, Double> withFuture = scores(customers);
        // the same customers with whatever happened after the date made as alarming as it can be
        List<Population.Customer> darker = customers.stream().map(c -> {
            List<History.Entry> entries = new ArrayList<>(c.history().entries());
            for (int day = 1; day < 200; day += 3) {
                entries.add(History.Entry.of(new Inputs.Feedback("late" + day, AS_OF.plus(Duration.ofDays(day)), null, 0, 1,
                        new Inputs.TextFindings(-1, List.of(new Inputs.RiskPhrase("CANCELLATION", "解约", false, 0, 2)),
                                Map.of("ANGER", 1.0), true))));
            }
            entries.sort(java.util.Comparator.comparing(History.Entry::at));
            return new Population.Customer(new History(c.history().customerId(), entries), c.kind(), c.leftAt());
        }).toList();
        Map<String, Double> darkerScores = scores(darker);
        assertFalse(withFuture.isEmpty());
        assertEquals(withFuture, darkerScores);
    }

    private static Map<String, Double> scores(List<Population.Customer> customers) {
        Map<String, Double> scores = new HashMap<>();
        Backtest backtest = backtest(AS_OF).listener((id, asOf, signals, assessment, churned) -> scores.put(id, assessment.riskScore()));
        customers.forEach(c -> backtest.accept(c.history()));
        return scores;
    }

    private static Backtest.Result asOfTheDate(List<Population.Customer> customers) {
        Backtest backtest = backtest(AS_OF);
        customers.forEach(c -> backtest.accept(c.history()));
        return backtest.results(1, 180, END).get(0);
    }

    @Test
    void theDefaultModelWarnsOfDriftersMonthsAheadOnTheirHistory() {
        List<Population.Customer> customers = new Population(2, START, END, Population.Drift.ALL).customers(4000, 0.15, 0.2, 0.05);
        Backtest.Result result = asOfTheDate(customers);
        assertNull(result.tooLittleHistory());
        ModelQuality q = result.quality();
        long expectedChurners = customers.stream().filter(c -> c.kind() == Population.Kind.DRIFTER && c.leftAt().isAfter(AS_OF)
                && !c.leftAt().isAfter(AS_OF.plus(Duration.ofDays(90)))).count();
        long expectedPassive = customers.stream().filter(c -> c.kind() == Population.Kind.RELOCATED && c.leftAt().isAfter(AS_OF)
                && !c.leftAt().isAfter(AS_OF.plus(Duration.ofDays(90)))).count();
        assertEquals(expectedChurners, q.churned());
        assertEquals(expectedPassive, q.passive());
        assertTrue(q.renewed() > 0);
        // drifters who start drifting after the date look like everyone else on it: about half of those cancelling
        // within 90 days, so the AUC stays well below 1 however good the model is
        assertTrue(q.auc().value() >= 0.75, "AUC " + q.auc());
        assertTrue(q.auc().low() < q.auc().value() && q.auc().value() < q.auc().high());
        assertTrue(q.tiers().get("RED").lift() >= 3, "RED lift " + q.tiers().get("RED"));
        assertTrue(q.tiers().get("GREEN").lift() < 0.7, "GREEN lift " + q.tiers().get("GREEN"));
        assertTrue(q.leadTimeDays().p50() >= 21, "lead time " + q.leadTimeDays());
        assertTrue(q.missedChurners() <= q.churned() / 4, q.missedChurners() + " of " + q.churned() + " missed");
        assertEquals(10, q.calibration().size());
        assertTrue(q.calibration().get(9).churnRate() > 3 * q.calibration().get(0).churnRate() + 0.01,
                "highest tenth churns more than the lowest: " + q.calibration());
        assertTrue(q.complete());
        int counted = q.tiers().values().stream().mapToInt(ModelQuality.TierQuality::customers).sum();
        assertEquals(q.customers() - q.passive(), counted, "customers who moved away are left out of the tiers");
    }

    @Test
    void manyDatesAreScoredFromOnePassAndAWindowStillOpenIsMarked() {
        List<Population.Customer> customers = new Population(3, START, END, Population.Drift.ALL).customers(1500, 0.15, 0.2, 0.05);
        Instant later = AS_OF.plus(Duration.ofDays(120));
        Backtest both = backtest(later, AS_OF);
        Backtest one = backtest(AS_OF);
        customers.forEach(c -> {
            both.accept(c.history());
            one.accept(c.history());
        });
        List<Backtest.Result> results = both.results(1, 180, later.plus(Duration.ofDays(30)));
        assertEquals(AS_OF, results.get(0).asOf());
        assertEquals(one.results(1, 180, END).get(0).quality().auc(), results.get(0).quality().auc());
        assertTrue(results.get(0).quality().complete());
        assertFalse(results.get(1).quality().complete(), "the window after the later date has not ended by the data's end");
    }

    @Test
    void aSmallTenantIsToldHowMuchHistoryABacktestNeeds() {
        Backtest.Result result = asOfTheDate(new Population(4, START, END, Population.Drift.ALL).customers(30, 0.15, 0.2, 0.05));
        assertNull(result.quality());
        assertNotNull(result.tooLittleHistory());
        assertTrue(result.tooLittleHistory().contains("at least 50 customers"), result.tooLittleHistory());
        assertTrue(result.tooLittleHistory().contains("found"), result.tooLittleHistory());
    }

    @Test
    void aCustomerWhoCancelledBeforeTheDateIsNotScored() {
        List<History.Entry> entries = List.of(
                History.Entry.of(new Inputs.Event("SERVICE_VISIT", AS_OF.minus(Duration.ofDays(100)), 500.0, Map.of())),
                History.Entry.of(new Inputs.Event(Backtest.CANCELLED, AS_OF.minus(Duration.ofDays(10)), null, Map.of())));
        List<String> scored = new ArrayList<>();
        backtest(AS_OF).listener((id, asOf, signals, a, churned) -> scored.add(id)).accept(new History("gone", entries));
        assertTrue(scored.isEmpty());
    }
}
