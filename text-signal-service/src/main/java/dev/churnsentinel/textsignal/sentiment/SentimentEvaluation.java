package dev.churnsentinel.textsignal.sentiment;

import java.util.List;
import java.util.Locale;

/** How a model does on labelled texts: accuracy and macro-F1 of the positive/negative decision at 0.5. */
public record SentimentEvaluation(int texts, int truePositive, int falsePositive, int trueNegative, int falseNegative,
                                  double logLoss) {

    public static SentimentEvaluation of(SentimentModel model, List<LabelledText> data) {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        double loss = 0;
        for (LabelledText text : data) {
            double p = model.probability(text.text());
            boolean saidPositive = p >= 0.5;
            if (text.positive()) {
                if (saidPositive) tp++; else fn++;
            } else {
                if (saidPositive) fp++; else tn++;
            }
            loss -= Math.log(Math.max(1e-12, text.positive() ? p : 1 - p));
        }
        return new SentimentEvaluation(data.size(), tp, fp, tn, fn, data.isEmpty() ? 0 : loss / data.size());
    }

    public double accuracy() {
        return texts == 0 ? 0 : (double) (truePositive + trueNegative) / texts;
    }

    /** Those right: true positives and true negatives. */
    public int correct() {
        return truePositive + trueNegative;
    }

    /** The 95 % Wilson score interval of the accuracy, {lower, upper}; {0, 1} for no texts. */
    public double[] accuracyInterval() {
        return wilson(correct(), texts, 1.959964);
    }

    /**
     * The Wilson score interval of a proportion of {@code successes} in {@code n} at {@code z} standard deviations
     * (1.96 for 95 %): unlike the normal approximation it stays inside [0, 1] and is fair near 0 and 1.
     */
    public static double[] wilson(int successes, int n, double z) {
        if (n <= 0) {
            return new double[] {0, 1};
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException(successes + " successes of " + n);
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** The accuracy and its 95 % interval in points, as {@code 93.50 % [92.0, 94.8]}. */
    public String accuracyWithInterval() {
        double[] interval = accuracyInterval();
        return String.format(Locale.ROOT, "%.2f %% [%.1f, %.1f]", accuracy() * 100, interval[0] * 100, interval[1] * 100);
    }

    public double macroF1() {
        return (f1(truePositive, falsePositive, falseNegative) + f1(trueNegative, falseNegative, falsePositive)) / 2;
    }

    private static double f1(int hit, int wrongSaid, int missed) {
        double denominator = 2.0 * hit + wrongSaid + missed;
        return denominator == 0 ? 0 : 2.0 * hit / denominator;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%6d texts  accuracy %-22s macro-F1 %.4f  log-loss %.3f",
                texts, accuracyWithInterval(), macroF1(), logLoss);
    }
}
