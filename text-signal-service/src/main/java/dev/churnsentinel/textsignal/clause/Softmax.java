package dev.churnsentinel.textsignal.clause;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Softmax regression over sparse {@link ClauseFeatures.Vector}s, what both the clause classifier and the risk detector
 * are: the class scores of a vector, and fitting by AdaGrad with L2 in a fixed order from a fixed seed and with
 * {@link StrictMath}, so the same examples give the same weights on any JVM.
 */
final class Softmax {
    /** Weights {@code [feature * classes + class]} and one bias per class. */
    record Weights(double[] weights, double[] bias) {
    }

    private Softmax() {
    }

    static Weights fit(List<ClauseFeatures.Vector> xs, int[] labels, int classes, int dimension, int epochs,
                       double rate, double l2, long seed) {
        int k = classes;
        double[] weights = new double[dimension * k];
        double[] squares = new double[dimension * k];
        double[] bias = new double[k];
        double[] biasSquares = new double[k];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                double[] scores = bias.clone();
                ClauseFeatures.Vector x = xs.get(i);
                for (int j = 0; j < x.size(); j++) {
                    int row = x.indices()[j] * k;
                    for (int c = 0; c < k; c++) {
                        scores[c] += weights[row + c] * x.values()[j];
                    }
                }
                double[] p = ClauseModel.softmax(scores);
                for (int c = 0; c < k; c++) {
                    double error = p[c] - (c == labels[i] ? 1 : 0);
                    for (int j = 0; j < x.size(); j++) {
                        int at = x.indices()[j] * k + c;
                        double gradient = error * x.values()[j] + l2 * weights[at];
                        squares[at] += gradient * gradient;
                        weights[at] -= rate * gradient / StrictMath.sqrt(squares[at] + 1e-8);
                    }
                    biasSquares[c] += error * error;
                    bias[c] -= rate * error / StrictMath.sqrt(biasSquares[c] + 1e-8);
                }
            }
        }
        return new Weights(weights, bias);
    }

    /** The score of each class for {@code x}: the bias plus each feature's value times its weight for the class. */
    static double[] scores(float[] bias, float[] weights, ClauseFeatures.Vector x) {
        int k = bias.length;
        double[] scores = new double[k];
        for (int c = 0; c < k; c++) {
            scores[c] = bias[c];
        }
        for (int i = 0; i < x.size(); i++) {
            int row = x.indices()[i] * k;
            float value = x.values()[i];
            for (int c = 0; c < k; c++) {
                scores[c] += weights[row + c] * value;
            }
        }
        return scores;
    }

    /** Each weight as a model file holds it (four decimals). */
    static float[] rounded(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ClauseModel.rounded(values[i]);
        }
        return out;
    }
}
