package dev.churnsentinel.textsignal.sentiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The 95 % interval the model card gives each accuracy: Wilson's score interval. */
class SentimentEvaluationTest {
    private static final double Z95 = 1.959964;

    @Test
    void onTheBenchmarkTestSplitTheIntervalIsAboutOnePointFourEitherSide() {
        double[] interval = SentimentEvaluation.wilson(1122, 1200, Z95); // 93.50 %

        assertEquals(0.91962, interval[0], 1e-5);
        assertEquals(0.94761, interval[1], 1e-5);
        assertEquals(0.014, (interval[1] - interval[0]) / 2, 0.001);
    }

    @Test
    void aHalfIsCentredAndNarrowsWithTheSquareRootOfTheTexts() {
        double[] hundred = SentimentEvaluation.wilson(50, 100, Z95);
        double[] tenThousand = SentimentEvaluation.wilson(5000, 10000, Z95);

        assertEquals(0.40383, hundred[0], 1e-5);
        assertEquals(0.59617, hundred[1], 1e-5);
        assertEquals(10, (hundred[1] - hundred[0]) / (tenThousand[1] - tenThousand[0]), 0.2);
    }

    @Test
    void allWrongOrAllRightStaysInsideZeroToOneAndIsNotEmpty() {
        assertArrayEquals(new double[] {0, 0.27753}, SentimentEvaluation.wilson(0, 10, Z95), 1e-5);
        assertArrayEquals(new double[] {0.72247, 1}, SentimentEvaluation.wilson(10, 10, Z95), 1e-5);
        assertArrayEquals(new double[] {0, 1}, SentimentEvaluation.wilson(0, 0, Z95));
        assertThrows(IllegalArgumentException.class, () -> SentimentEvaluation.wilson(11, 10, Z95));
    }

    @Test
    void anEvaluationGivesItsAccuracyWithTheIntervalInPoints() {
        SentimentEvaluation evaluation = new SentimentEvaluation(1200, 580, 36, 542, 42, 0.2);

        assertEquals(1122, evaluation.correct());
        assertEquals("93.50 % [92.0, 94.8]", evaluation.accuracyWithInterval());
    }
}
