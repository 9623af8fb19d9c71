package dev.churnsentinel.scoring.quality;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Area under the ROC curve of a score for a yes/no outcome: the chance that a customer who churned scored higher
 * than one who did not, ties counting half (the Mann-Whitney U statistic with mid-ranks), and its 95 % interval by
 * bootstrap: the customers resampled with replacement, the AUC of each resample, the 2.5th and 97.5th percentiles.
 */
public final class Auc {
    /** Resamples of the bootstrap; the seed is fixed so one backtest always answers the same interval. */
    static final int ROUNDS = 400;
    private static final long SEED = 20_261_204L;
    /** The bootstrap counts scores in bins of a hundredth of a point (risk scores run 0-100). */
    private static final int BINS_PER_POINT = 100;
    private static final int MAX_SCORE = 100;

    private Auc() {
    }

    /** The AUC, or NaN without at least one customer of each outcome. */
    public static double of(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRanks = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    positiveRanks += midRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The 95 % bootstrap interval {low, high} of the AUC, or NaNs without both outcomes. */
    public static double[] interval(double[] scores, boolean[] positive) {
        int n = scores.length;
        int bins = MAX_SCORE * BINS_PER_POINT + 1;
        int[] bin = new int[n];
        for (int i = 0; i < n; i++) {
            bin[i] = (int) Math.round(Math.max(0, Math.min(MAX_SCORE, scores[i])) * BINS_PER_POINT);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] aucs = new double[ROUNDS];
        int valid = 0;
        long[] pos = new long[bins], neg = new long[bins];
        for (int round = 0; round < ROUNDS; round++) {
            Arrays.fill(pos, 0);
            Arrays.fill(neg, 0);
            for (int draw = 0; draw < n; draw++) {
                int i = random.nextInt(n);
                if (positive[i]) {
                    pos[bin[i]]++;
                } else {
                    neg[bin[i]]++;
                }
            }
            double area = 0;
            long negativesBelow = 0, positives = 0;
            for (int b = 0; b < bins; b++) {
                area += pos[b] * (negativesBelow + neg[b] / 2.0);
                negativesBelow += neg[b];
                positives += pos[b];
            }
            if (positives > 0 && negativesBelow > 0) {
                aucs[valid++] = area / ((double) positives * negativesBelow);
            }
        }
        if (valid == 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double[] sorted = Arrays.copyOf(aucs, valid);
        Arrays.sort(sorted);
        return new double[]{Stats.quantile(sorted, 0.025), Stats.quantile(sorted, 0.975)};
    }
}
