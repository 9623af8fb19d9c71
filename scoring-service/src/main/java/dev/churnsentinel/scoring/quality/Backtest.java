package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.scoring.model.Assessment;
import dev.churnsentinel.scoring.model.CustomerSignals;
import dev.churnsentinel.scoring.model.RiskModel;
import dev.churnsentinel.scoring.model.SignalUpdater;
import dev.churnsentinel.scoring.model.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores every customer as of one or more dates from their history up to that date only, and compares the score
 * with what happened in the following days (the horizon): a contract cancelled (active churn), a move away
 * (passive churn, left out of the measures), a renewal. Customers are fed one at a time ({@link #accept}), each
 * history once for all the dates, so a tenant's whole history is read once and never held in memory.
 * <p>
 * Each date's score is {@link RiskModel#assess} of the signals folded from the records that had occurred by then,
 * against that date as the clock (so a customer silent by then counts as silent, as the silence scan would have
 * found). A record after the date cannot reach the score: the fold stops at the date.
 * <p>
 * For a customer who cancelled, the lead time is found by replaying the look-back before the cancellation: the
 * customer is assessed after each record and at each week's checkpoint, and the first time the tier is not GREEN
 * starts the warning. Plain Java, no framework: the resource reads the histories and calls it.
 */
public final class Backtest {
    /** Below these a backtest says too little, and the resource answers 422 saying what is needed. */
    public static final int MIN_CUSTOMERS = 50;
    public static final int MIN_CHURNERS = 5;
    /** How often the look-back replay checks the tier between records (the silence scan runs more often). */
    static final Duration CHECKPOINT = Duration.ofDays(7);
    static final String CANCELLED = "CONTRACT_CANCELLED";
    static final String RELOCATED = "CUSTOMER_RELOCATED";
    static final String RENEWED = "CONTRACT_RENEWED";

    private final RiskModel model;
    private final SignalUpdater updater;
    private final Duration horizon;
    private final Duration lookBack;
    private final List<Window> windows = new ArrayList<>();
    private Scored listener = (customerId, asOf, signals, assessment, churned) -> { };
    private List<AlarmOutcomes.Resolved> resolvedTasks = List.of();

    /**
     * Told each customer's signals and score as of each date, and whether they cancelled in the window after it; the
     * signals are the fold's own, good only during the call.
     */
    @FunctionalInterface
    public interface Scored {
        void scored(String customerId, Instant asOf, CustomerSignals signals, Assessment assessment, boolean churned);
    }

    /**
     * @param asOfs the dates to score as of, in any order
     */
    public Backtest(RiskModel model, SignalUpdater updater, List<Instant> asOfs, int horizonDays, int lookBackDays) {
        this.model = model;
        this.updater = updater;
        this.horizon = Duration.ofDays(horizonDays);
        this.lookBack = Duration.ofDays(lookBackDays);
        asOfs.stream().sorted().forEach(asOf -> windows.add(new Window(asOf)));
    }

    /** Who is told each customer's score (for a list of who was scored how, or a test); one at a time. */
    public Backtest listener(Scored listener) {
        this.listener = listener;
        return this;
    }

    /** Intervention's tasks resolved in the windows, counted per tier in each date's answer ({@link AlarmOutcomes}). */
    public Backtest resolvedTasks(List<AlarmOutcomes.Resolved> tasks) {
        this.resolvedTasks = List.copyOf(tasks);
        return this;
    }

    /** The first date scored as of. */
    Instant firstAsOf() {
        return windows.get(0).asOf;
    }

    /** Where the last date's window ends. */
    Instant lastWindowEnd() {
        return windows.get(windows.size() - 1).asOf.plus(horizon);
    }

    /** One customer's whole history, in the order it occurred. */
    public void accept(History customer) {
        List<History.Entry> entries = customer.entries();
        CustomerSignals signals = new CustomerSignals();
        int folded = 0;
        for (Window window : windows) {
            while (folded < entries.size() && !entries.get(folded).at().isAfter(window.asOf)) {
                apply(signals, entries.get(folded++));
            }
            if (folded == 0 || signals.contractCancelled || signals.passiveChurn) {
                continue; // not a customer yet, or gone already
            }
            Assessment assessment = model.assess(signals, window.asOf);
            Instant end = window.asOf.plus(horizon);
            Instant churnedAt = null;
            boolean passive = false, renewed = false;
            for (int i = folded; i < entries.size() && !entries.get(i).at().isAfter(end); i++) {
                History.Entry entry = entries.get(i);
                if (entry.is(CANCELLED)) {
                    churnedAt = entry.at();
                    break;
                }
                if (entry.is(RELOCATED)) {
                    passive = true;
                    break;
                }
                renewed |= entry.is(RENEWED);
            }
            Double lead = churnedAt == null ? null : leadDays(entries, churnedAt);
            listener.scored(customer.customerId(), window.asOf, signals, assessment, churnedAt != null);
            window.add(assessment.riskScore(), assessment.tier(), churnedAt != null, passive, renewed, lead);
        }
    }

    private void apply(CustomerSignals signals, History.Entry entry) {
        if (entry.feedback() != null) {
            updater.apply(signals, entry.feedback());
        } else {
            updater.apply(signals, entry.event());
        }
    }

    /**
     * Days from the first warning (a tier other than GREEN) in the look-back before {@code churnedAt} to it, or null
     * when the customer stayed GREEN throughout.
     */
    private Double leadDays(List<History.Entry> entries, Instant churnedAt) {
        Instant from = churnedAt.minus(lookBack);
        CustomerSignals signals = new CustomerSignals();
        int next = 0;
        for (Instant check = from; check.isBefore(churnedAt); check = check.plus(CHECKPOINT)) {
            while (next < entries.size() && entries.get(next).at().isBefore(churnedAt)
                    && !entries.get(next).at().isAfter(check)) {
                History.Entry entry = entries.get(next++);
                apply(signals, entry);
                if (!entry.at().isBefore(from) && warns(signals, entry.at())) {
                    return days(entry.at(), churnedAt);
                }
            }
            if (next > 0 && warns(signals, check)) {
                return days(check, churnedAt);
            }
        }
        while (next < entries.size() && entries.get(next).at().isBefore(churnedAt)) {
            History.Entry entry = entries.get(next++);
            apply(signals, entry);
            if (!entry.at().isBefore(from) && warns(signals, entry.at())) {
                return days(entry.at(), churnedAt);
            }
        }
        return null;
    }

    private boolean warns(CustomerSignals signals, Instant at) {
        return model.assess(signals, at).tier() != Tier.GREEN;
    }

    private static double days(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds() / 86_400.0;
    }

    /** What each date's backtest found, in date order. */
    public List<Result> results(int modelVersion, int lookBackDays, Instant dataEnd) {
        return windows.stream().map(w -> w.result(modelVersion, (int) horizon.toDays(), lookBackDays, dataEnd,
                resolvedTasks)).toList();
    }

    /** One date's answer, or why there is too little history for one. */
    public record Result(Instant asOf, ModelQuality quality, String tooLittleHistory) {
    }

    /** What one date's backtest has gathered, customer by customer. */
    private static final class Window {
        final Instant asOf;
        double[] scores = new double[1024];
        byte[] tiers = new byte[1024];
        boolean[] churned = new boolean[1024];
        final List<Double> leads = new ArrayList<>();
        int size, passive, renewed, missed;

        Window(Instant asOf) {
            this.asOf = asOf;
        }

        void add(double score, Tier tier, boolean churn, boolean passiveChurn, boolean renewal, Double lead) {
            if (passiveChurn) {
                passive++;
                return;
            }
            if (size == scores.length) {
                scores = Arrays.copyOf(scores, size * 2);
                tiers = Arrays.copyOf(tiers, size * 2);
                churned = Arrays.copyOf(churned, size * 2);
            }
            scores[size] = score;
            tiers[size] = (byte) tier.ordinal();
            churned[size] = churn;
            size++;
            if (renewal && !churn) {
                renewed++;
            }
            if (churn) {
                if (lead == null) {
                    missed++;
                } else {
                    leads.add(lead);
                }
            }
        }

        Result result(int modelVersion, int horizonDays, int lookBackDays, Instant dataEnd,
                      List<AlarmOutcomes.Resolved> resolvedTasks) {
            double[] s = Arrays.copyOf(scores, size);
            boolean[] c = Arrays.copyOf(churned, size);
            int churners = 0;
            for (boolean b : c) {
                churners += b ? 1 : 0;
            }
            if (size + passive < MIN_CUSTOMERS || churners < MIN_CHURNERS) {
                return new Result(asOf, null, String.format(java.util.Locale.ROOT, "a backtest needs at least %d "
                                + "customers with history by %s and %d of them cancelling within %d days after; "
                                + "found %d customers and %d cancellations", MIN_CUSTOMERS, asOf, MIN_CHURNERS, horizonDays,
                        size + passive, churners));
            }
            double overall = size == 0 ? Double.NaN : (double) churners / size;
            Map<String, ModelQuality.TierQuality> byTier = new LinkedHashMap<>();
            for (Tier tier : Tier.values()) {
                int inTier = 0, churnedInTier = 0;
                for (int i = 0; i < size; i++) {
                    if (tiers[i] == tier.ordinal()) {
                        inTier++;
                        churnedInTier += c[i] ? 1 : 0;
                    }
                }
                double rate = inTier == 0 ? Double.NaN : (double) churnedInTier / inTier;
                byTier.put(tier.name(), new ModelQuality.TierQuality(inTier, churnedInTier, Stats.round(rate, 4),
                        Stats.round(rate / overall, 2)));
            }
            double[] interval = Auc.interval(s, c);
            ModelQuality.AucQuality auc = new ModelQuality.AucQuality(Stats.round(Auc.of(s, c), 4),
                    Stats.round(interval[0], 4), Stats.round(interval[1], 4), churners, size - churners);
            double[] sortedLeads = leads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            ModelQuality.LeadTime lead = new ModelQuality.LeadTime(Stats.round(Stats.quantile(sortedLeads, 0.25), 1),
                    Stats.round(Stats.quantile(sortedLeads, 0.5), 1), Stats.round(Stats.quantile(sortedLeads, 0.75), 1),
                    sortedLeads.length);
            Instant end = asOf.plus(Duration.ofDays(horizonDays));
            return new Result(asOf, new ModelQuality(asOf.toString(), horizonDays, lookBackDays, modelVersion,
                    end.toString(), !end.isAfter(dataEnd), size + passive, churners, passive, renewed,
                    Stats.round(overall, 4), byTier, auc, lead, missed, deciles(s, c),
                    AlarmOutcomes.count(resolvedTasks, asOf, end)), null);
        }

        private static List<ModelQuality.Decile> deciles(double[] scores, boolean[] churned) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
            List<ModelQuality.Decile> deciles = new ArrayList<>();
            for (int d = 0; d < 10; d++) {
                int from = (int) ((long) order.length * d / 10), to = (int) ((long) order.length * (d + 1) / 10);
                if (from == to) {
                    continue;
                }
                double sum = 0;
                int churners = 0;
                for (int k = from; k < to; k++) {
                    sum += scores[order[k]];
                    churners += churned[order[k]] ? 1 : 0;
                }
                deciles.add(new ModelQuality.Decile(d + 1, Stats.round(scores[order[from]], 1),
                        Stats.round(scores[order[to - 1]], 1), Stats.round(sum / (to - from), 1), to - from, churners,
                        Stats.round((double) churners / (to - from), 4)));
            }
            return deciles;
        }
    }
}
