package dev.churnsentinel.scoring.quality;

import dev.churnsentinel.scoring.model.Assessment;
import dev.churnsentinel.scoring.model.ModelConfig;
import dev.churnsentinel.scoring.model.Points;
import dev.churnsentinel.scoring.model.Tier;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fits a churn-risk model's points per signal to what a tenant's customers went on to do, keeping the four dimensions,
 * their weights and the way signals combine; the tier cuts move with the fitted score so each keeps its churn rate.
 * <p>
 * Each sample is one customer as of one date: the units of each signal then ({@link
 * dev.churnsentinel.scoring.model.RiskModel#units}), whether a high-risk phrase or a floor set their tier, and whether
 * they cancelled in the window after. The chance of cancelling is modelled as
 * {@code σ(a + b·score/100 + c·phrase + d·floor)}, where {@code score} is the model's weighted sum of its dimensions with
 * the points being fitted; the points, {@code a}, {@code b}, {@code c} and {@code d} maximise the likelihood minus a
 * penalty of {@link #PRIOR} per squared relative change of a signal's points from the model in force, so a tenant with
 * little history gets back nearly the model it has and a large one what its history says. A customer appears once per
 * training date, and those samples say much the same thing, so the likelihood counts each sample
 * {@code 1/dates}: the prior is weighed against the number of customers, not of customer-dates. Points stay between 0 and
 * {@link #MAX_RELATIVE} times their scale (the points in force, or the default's where those are 0). Every
 * cancellation is kept; the customers who stayed are a uniform sample of at most {@link #MAX_STAYERS}, weighted up
 * to all of them.
 * <p>
 * The cuts: the model in force is calibrated the same way with its points fixed ({@code a₀}, {@code b₀}); a cut
 * {@code t} then becomes the fitted score with the same odds, {@code 100·(a₀ + b₀·t/100 − a)/b}, kept in order within
 * 1-100. Plain Java: the resource collects the samples from a backtest and calls it.
 */
public final class ModelFit {
    /** Cancellations the training windows must hold before a fit says anything. */
    public static final int MIN_CHURNERS = 20;
    /** The penalty, in units of log-likelihood, of doubling (or zeroing) one signal's points. */
    static final double PRIOR = 10;
    static final double MAX_RELATIVE = 10;
    static final int MAX_STAYERS = 100_000;
    private static final int ITERATIONS = 500;
    private static final int SIGNALS = Points.values().length;
    /** A sample's columns: each signal's units, then whether a phrase made it RED, then whether a floor lifted it. */
    private static final int PHRASE = SIGNALS, FLOOR = SIGNALS + 1, WIDTH = SIGNALS + 2;
    /** The fitted parameters: each signal's points relative to its scale, then a, b, c, d. */
    private static final int A = SIGNALS, B = SIGNALS + 1, C = SIGNALS + 2, D = SIGNALS + 3, PARAMETERS = SIGNALS + 4;

    private final ModelConfig current;
    private final double perSample;
    private final double[] scale = new double[SIGNALS];
    private final double[] weight = new double[SIGNALS];
    private final int[] dimension = new int[SIGNALS];
    private final SplittableRandom random = new SplittableRandom(17);
    private float[] churners = new float[256 * WIDTH];
    private final float[] stayers;
    private int churnerCount, stayersKept;
    private long stayersSeen;

    /** A fit of the model in force to samples taken on {@code dates} training dates. */
    public ModelFit(ModelConfig current, int dates) {
        this(current, dates, MAX_STAYERS);
    }

    ModelFit(ModelConfig current, int dates, int maxStayers) {
        if (dates < 1) {
            throw new IllegalArgumentException("dates must be at least 1: " + dates);
        }
        this.current = current;
        this.perSample = 1.0 / dates;
        this.stayers = new float[maxStayers * WIDTH];
        ModelConfig defaults = ModelConfig.defaults();
        for (Points p : Points.values()) {
            double now = p.of(current);
            scale[p.ordinal()] = now > 0 ? now : p.of(defaults);
            weight[p.ordinal()] = p.dimension().weight(current);
            dimension[p.ordinal()] = p.dimension().ordinal();
        }
    }

    /** One customer as of one date: the units of their signals then, how they were assessed, and what they did. */
    public void add(double[] units, Assessment assessment, boolean churned) {
        float[] row = new float[WIDTH];
        for (int i = 0; i < SIGNALS; i++) {
            row[i] = (float) units[i];
        }
        boolean phrase = assessment.overrides().stream().anyMatch(o -> o.tier() == Tier.RED);
        row[PHRASE] = phrase ? 1 : 0;
        row[FLOOR] = !phrase && assessment.overrides().stream().anyMatch(o -> o.tier() == Tier.YELLOW) ? 1 : 0;
        if (churned) {
            if ((churnerCount + 1) * WIDTH > churners.length) {
                churners = Arrays.copyOf(churners, churners.length * 2);
            }
            System.arraycopy(row, 0, churners, churnerCount++ * WIDTH, WIDTH);
            return;
        }
        stayersSeen++;
        int capacity = stayers.length / WIDTH;
        long slot = stayersKept < capacity ? stayersKept++ : random.nextLong(stayersSeen);
        if (slot < capacity) {
            System.arraycopy(row, 0, stayers, (int) slot * WIDTH, WIDTH);
        }
    }

    public int churners() {
        return churnerCount;
    }

    public long samples() {
        return churnerCount + stayersSeen;
    }

    /** What the fit proposes, and how well each model explains the training samples (mean log loss, lower is better). */
    public record Fitted(ModelConfig proposed, double logLossCurrent, double logLossProposed) {
    }

    /** Fits; call only with at least {@link #MIN_CHURNERS} cancellations and someone who stayed. */
    public Fitted fit() {
        if (churnerCount < MIN_CHURNERS || stayersKept == 0) {
            throw new IllegalStateException("too few samples to fit: " + churnerCount + " cancellations");
        }
        double[] prior = new double[PARAMETERS];
        for (Points p : Points.values()) {
            prior[p.ordinal()] = p.of(current) / scale[p.ordinal()];
        }
        double baseRate = churnerCount / (double) samples();
        prior[A] = Math.log(baseRate / (1 - baseRate));
        prior[B] = 1;
        double[] calibrated = optimise(prior, prior, false);
        double[] fitted = optimise(calibrated, prior, true);
        return new Fitted(proposal(calibrated, fitted), logLoss(calibrated), logLoss(fitted));
    }

    /** Adam steps on the penalised log-likelihood; the points move only when {@code points} is set. */
    private double[] optimise(double[] start, double[] prior, boolean points) {
        double[] theta = start.clone(), m = new double[PARAMETERS], v = new double[PARAMETERS], gradient = new double[PARAMETERS];
        for (int step = 1; step <= ITERATIONS; step++) {
            Arrays.fill(gradient, 0);
            accumulate(theta, gradient, null);
            for (int i = 0; i < SIGNALS; i++) {
                gradient[i] = points ? gradient[i] + 2 * PRIOR * (theta[i] - prior[i]) : 0;
            }
            double rate = 0.05 * (1 - 0.9 * step / ITERATIONS);
            for (int i = 0; i < PARAMETERS; i++) {
                m[i] = 0.9 * m[i] + 0.1 * gradient[i];
                v[i] = 0.999 * v[i] + 0.001 * gradient[i] * gradient[i];
                double mHat = m[i] / (1 - Math.pow(0.9, step)), vHat = v[i] / (1 - Math.pow(0.999, step));
                theta[i] -= rate * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            for (int i = 0; i < SIGNALS; i++) {
                theta[i] = Math.max(0, Math.min(MAX_RELATIVE, theta[i]));
            }
            theta[B] = Math.max(0, theta[B]);
        }
        return theta;
    }

    private double logLoss(double[] theta) {
        double[] loss = new double[1];
        accumulate(theta, null, loss);
        return loss[0] / (perSample * samples());
    }

    /** Adds every sample's weighted gradient of the negative log-likelihood, or its loss, at {@code theta}. */
    private void accumulate(double[] theta, double[] gradient, double[] loss) {
        double stayerWeight = perSample * stayersSeen / stayersKept;
        sweep(churners, churnerCount, 1, perSample, theta, gradient, loss);
        sweep(stayers, stayersKept, 0, stayerWeight, theta, gradient, loss);
    }

    private void sweep(float[] rows, int count, int churned, double sampleWeight, double[] theta, double[] gradient,
                       double[] loss) {
        double[] remaining = new double[Points.Dimension.values().length];
        double[] fraction = new double[SIGNALS];
        for (int r = 0; r < count; r++) {
            int at = r * WIDTH;
            Arrays.fill(remaining, 1);
            for (int i = 0; i < SIGNALS; i++) {
                fraction[i] = Math.min(1, theta[i] * scale[i] * rows[at + i] / 100);
                remaining[dimension[i]] *= 1 - fraction[i];
            }
            double score = 0;
            for (Points.Dimension d : Points.Dimension.values()) {
                score += d.weight(current) * (1 - remaining[d.ordinal()]);
            }
            double z = theta[A] + theta[B] * score + theta[C] * rows[at + PHRASE] + theta[D] * rows[at + FLOOR];
            if (loss != null) {
                // -log σ(z) for a churner, -log(1 - σ(z)) for a stayer, without overflow
                double t = churned == 1 ? -z : z;
                loss[0] += sampleWeight * (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
                continue;
            }
            double g = sampleWeight * (1 / (1 + Math.exp(-z)) - churned);
            gradient[A] += g;
            gradient[B] += g * score;
            gradient[C] += g * rows[at + PHRASE];
            gradient[D] += g * rows[at + FLOOR];
            for (int i = 0; i < SIGNALS; i++) {
                if (rows[at + i] > 0 && fraction[i] < 1) {
                    double others = remaining[dimension[i]] / (1 - fraction[i]);
                    gradient[i] += g * theta[B] * weight[i] * others * rows[at + i] * scale[i] / 100;
                }
            }
        }
    }

    /** The model in force with the fitted points and the cuts carried over by calibration; same version, so it can be PUT. */
    private ModelConfig proposal(double[] calibrated, double[] fitted) {
        ModelConfig.Builder builder = current.toBuilder();
        for (Points p : Points.values()) {
            p.set(builder, significant(fitted[p.ordinal()] * scale[p.ordinal()]));
        }
        if (fitted[B] < 0.05) {
            return builder.build(); // the score tells nothing on this history: the cuts have nothing to follow
        }
        double red = Math.min(100, cut(current.redFrom(), calibrated, fitted));
        double orange = Math.min(red - 1, cut(current.orangeFrom(), calibrated, fitted));
        double yellow = Math.max(1, Math.min(orange - 1, cut(current.yellowFrom(), calibrated, fitted)));
        orange = Math.max(yellow + 1, orange);
        red = Math.max(orange + 1, red);
        return builder.yellowFrom(yellow).orangeFrom(orange).redFrom(red).build();
    }

    private static double cut(double from, double[] calibrated, double[] fitted) {
        double odds = calibrated[A] + calibrated[B] * from / 100;
        return Math.round(1000 * (odds - fitted[A]) / fitted[B]) / 10.0;
    }

    private static double significant(double value) {
        if (value == 0) {
            return 0;
        }
        double magnitude = Math.pow(10, 2 - Math.floor(Math.log10(Math.abs(value))));
        return Math.round(value * magnitude) / magnitude;
    }
}
