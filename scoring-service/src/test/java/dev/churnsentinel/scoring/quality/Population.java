package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.scoring.model.Inputs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A population with a known truth, for backtests: customers who visit on their own rhythm and rate each visit, of
 * four kinds. Drifters cancel, and before they do, for one to four months, they visit less, rate lower and say so
 * (a risk phrase in some of their feedback); steady customers renew each year; noisy ones complain now and then but
 * renew; a few move away (passive churn). The same seed gives the same population.
 */
final class Population {
    enum Kind { DRIFTER, STEADY, NOISY, RELOCATED }

    /** One generated customer and the truth about them. */
    record Customer(History history, Kind kind, Instant leftAt) {
    }

    private final SplittableRandom random;
    private final Instant start;
    private final Instant end;
    /** How the drift shows, so a test can make a population whose truth the default model weighs wrongly. */
    private final Drift drift;
    private int ids;

    /**
     * @param visits     whether drifters visit less (the behaviour dimension)
     * @param ratings    whether drifters rate lower (satisfaction)
     * @param words      whether drifters say they mean to leave (risk phrases)
     * @param spending   whether drifters spend less per visit
     */
    record Drift(boolean visits, boolean ratings, boolean words, boolean spending) {
        static final Drift ALL = new Drift(true, true, true, true);
    }

    Population(long seed, Instant start, Instant end, Drift drift) {
        this.random = new SplittableRandom(seed);
        this.start = start;
        this.end = end;
        this.drift = drift;
    }

    List<Customer> customers(int count, double drifters, double noisy, double relocated) {
        List<Customer> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double r = random.nextDouble();
            Kind kind = r < drifters ? Kind.DRIFTER : r < drifters + noisy ? Kind.NOISY
                    : r < drifters + noisy + relocated ? Kind.RELOCATED : Kind.STEADY;
            all.add(customer(String.format("C%06d", i), kind));
        }
        return all;
    }

    private Customer customer(String id, Kind kind) {
        List<History.Entry> entries = new ArrayList<>();
        Instant joined = start.plus(days(random.nextDouble(0, 300)));
        double rhythm = random.nextDouble(20, 45);
        double spend = random.nextDouble(300, 1500);
        Instant leftAt = null, driftFrom = null;
        if (kind == Kind.DRIFTER) {
            leftAt = joined.plus(days(random.nextDouble(200, Duration.between(joined, end).toDays() - 5)));
            driftFrom = leftAt.minus(days(random.nextDouble(30, 120)));
        } else if (kind == Kind.RELOCATED) {
            leftAt = joined.plus(days(random.nextDouble(100, Duration.between(joined, end).toDays() - 5)));
        }
        Instant stop = leftAt == null ? end : leftAt;
        Instant renewal = joined.plus(days(365));
        for (Instant at = joined; at.isBefore(stop); ) {
            boolean drifting = driftFrom != null && !at.isBefore(driftFrom);
            double spent = drifting && drift.spending() ? spend * random.nextDouble(0.3, 0.6) : spend * random.nextDouble(0.8, 1.2);
            entries.add(History.Entry.of(new Inputs.Event("SERVICE_VISIT", at, spent, Map.of())));
            int rating = drifting && drift.ratings() ? random.nextInt(2, 6)
                    : kind == Kind.NOISY && random.nextDouble() < 0.25 ? random.nextInt(4, 7) : random.nextInt(8, 11);
            boolean says = drifting && drift.words() && random.nextDouble() < 0.5;
            boolean grumbles = kind == Kind.NOISY && random.nextDouble() < 0.2;
            Instant saidAt = at.plus(Duration.ofHours(2));
            entries.add(History.Entry.of(new Inputs.Feedback("F" + (ids++), saidAt, null, null, rating,
                    new Inputs.TextFindings(says || grumbles ? -0.7 : 0.5,
                            says ? List.of(new Inputs.RiskPhrase(random.nextBoolean() ? "CANCELLATION" : "PRICE", "解约", false, 0, 2))
                                    : List.of(),
                            says || grumbles ? Map.of("ANGER", 0.6) : Map.of("SATISFACTION", 0.6), false))));
            if (grumbles) {
                entries.add(History.Entry.of(new Inputs.Event("TICKET_OPENED", saidAt.plus(Duration.ofHours(1)), null,
                        Map.of("complaint", "true"))));
                entries.add(History.Entry.of(new Inputs.Event("TICKET_RESOLVED", saidAt.plus(days(3)), null,
                        Map.of("resolutionSatisfaction", "8"))));
            }
            double gap = rhythm * random.nextDouble(0.7, 1.3) * (drifting && drift.visits() ? 3 : 1);
            Instant next = at.plus(days(gap));
            if (kind != Kind.DRIFTER && kind != Kind.RELOCATED && !renewal.isAfter(next) && renewal.isBefore(end)) {
                entries.add(History.Entry.of(new Inputs.Event("CONTRACT_RENEWED", renewal, null, Map.of())));
                renewal = renewal.plus(days(365));
            }
            at = next;
        }
        if (leftAt != null) {
            entries.add(History.Entry.of(new Inputs.Event(kind == Kind.DRIFTER ? Backtest.CANCELLED : Backtest.RELOCATED,
                    leftAt, null, Map.of())));
        }
        entries.sort(Comparator.comparing(History.Entry::at));
        return new Customer(new History(id, entries), kind, leftAt);
    }

    private static Duration days(double days) {
        return Duration.ofSeconds((long) (days * 86_400));
    }
}
