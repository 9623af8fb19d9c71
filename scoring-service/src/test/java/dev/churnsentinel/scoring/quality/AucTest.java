package dev.churnsentinel.scoring.quality;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AucTest {
    @Test
    void aPerfectScoreIsOneAndAReversedOneZero() {
        double[] scores = {10, 20, 30, 40};
        assertEquals(1.0, Auc.of(scores, new boolean[]{false, false, true, true}), 1e-12);
        assertEquals(0.0, Auc.of(scores, new boolean[]{true, true, false, false}), 1e-12);
    }

    @Test
    void tiesCountHalf() {
        // every churner ties with every stayer: no better than chance
        assertEquals(0.5, Auc.of(new double[]{50, 50, 50, 50}, new boolean[]{true, false, true, false}), 1e-12);
        // churner 30 beats stayer 10, ties stayer 30: (1 + 0.5) / 2
        assertEquals(0.75, Auc.of(new double[]{10, 30, 30}, new boolean[]{false, false, true}), 1e-12);
    }

    @Test
    void withoutBothOutcomesThereIsNoAuc() {
        assertTrue(Double.isNaN(Auc.of(new double[]{1, 2}, new boolean[]{false, false})));
        assertTrue(Double.isNaN(Auc.interval(new double[]{1, 2}, new boolean[]{true, true})[0]));
    }

    @Test
    void theIntervalHoldsThePointAndNarrowsWithMoreCustomers() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        double[] width = new double[2];
        int[] sizes = {200, 5000};
        for (int k = 0; k < 2; k++) {
            int n = sizes[k];
            double[] scores = new double[n];
            boolean[] churned = new boolean[n];
            for (int i = 0; i < n; i++) {
                churned[i] = random.nextDouble() < 0.2;
                scores[i] = Math.min(100, Math.max(0, random.nextGaussian() * 15 + (churned[i] ? 60 : 40)));
            }
            double auc = Auc.of(scores, churned);
            double[] interval = Auc.interval(scores, churned);
            assertTrue(interval[0] < auc && auc < interval[1], auc + " in " + interval[0] + ".." + interval[1]);
            width[k] = interval[1] - interval[0];
        }
        assertTrue(width[1] < width[0] / 3, "5,000 customers give a narrower interval than 200: " + width[1] + " vs " + width[0]);
    }
}
