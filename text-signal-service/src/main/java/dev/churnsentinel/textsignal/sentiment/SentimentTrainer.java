package dev.churnsentinel.textsignal.sentiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link SentimentModel}: logistic regression with AdaGrad and L2 over {@link SentimentFeatures} scaled
 * by their naive-Bayes log-count ratios (NBSVM), a fixed seed (the same data gives the same model); a feature
 * found in fewer than {@code minCount} texts keeps weight 0 (it would fit noise, and the file compresses better).
 * Duplicated texts count once (their majority label; a tie is dropped as label noise). A tenth of the data, chosen by the text, is held out to fit the calibration; the final
 * model is then trained on everything with the same settings and takes that calibration.
 */
public final class SentimentTrainer {

    /** Training settings; {@link #defaults()} are the ones the shipped model was trained with. */
    public record Options(int bits, int maxN, boolean negationScope, int epochs, double learningRate, double l2,
                          int minCount, long seed) {
        public static Options defaults() {
            return new Options(22, 3, true, 12, 0.2, 1e-6, 2, 20261123L);
        }

        SentimentFeatures features() {
            return new SentimentFeatures(bits, maxN, negationScope);
        }
    }

    private final Options options;

    public SentimentTrainer(Options options) {
        this.options = options;
    }

    public SentimentModel train(List<LabelledText> data, String description) {
        List<LabelledText> distinct = distinct(data);
        List<LabelledText> fit = new ArrayList<>();
        List<LabelledText> calibration = new ArrayList<>();
        for (LabelledText text : distinct) {
            (Math.floorMod(text.text().hashCode(), 10) == 0 ? calibration : fit).add(text);
        }
        SentimentModel first = fit(fit, description);
        double[] platt = platt(first, calibration);
        return fit(distinct, description).withCalibration(platt[0], platt[1]);
    }

    /** One label per text: the majority; ties are dropped. Order is kept (first appearance). */
    static List<LabelledText> distinct(List<LabelledText> data) {
        Map<String, int[]> votes = new LinkedHashMap<>();
        for (LabelledText text : data) {
            votes.computeIfAbsent(text.text(), t -> new int[1])[0] += text.positive() ? 1 : -1;
        }
        List<LabelledText> distinct = new ArrayList<>(votes.size());
        votes.forEach((text, vote) -> {
            if (vote[0] != 0) {
                distinct.add(new LabelledText(text, vote[0] > 0));
            }
        });
        return distinct;
    }

    private SentimentModel fit(List<LabelledText> data, String description) {
        SentimentFeatures features = options.features();
        List<int[]> vectors = new ArrayList<>(data.size());
        for (LabelledText text : data) {
            vectors.add(features.extract(SentimentFeatures.prepare(text.text())));
        }
        float[] ratio = logCountRatios(features, data, vectors, options.minCount());
        float[] weights = new float[features.dimension()];
        float[] squares = new float[features.dimension()];
        double bias = 0;
        double biasSquares = 0;
        List<Integer> order = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            order.add(i);
        }
        Random random = new Random(options.seed());
        double rate = options.learningRate();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                int[] active = vectors.get(i);
                if (active.length == 0) {
                    continue;
                }
                double scale = 1 / Math.sqrt(active.length);
                double sum = 0;
                for (int index : active) {
                    sum += weights[index] * ratio[index];
                }
                double p = sigmoid(bias + sum * scale);
                double error = p - (data.get(i).positive() ? 1 : 0);
                for (int index : active) {
                    double gradient = error * scale * ratio[index] + options.l2() * weights[index];
                    squares[index] += (float) (gradient * gradient);
                    weights[index] -= (float) (rate * gradient / Math.sqrt(squares[index] + 1e-8));
                }
                biasSquares += error * error;
                bias -= rate * error / Math.sqrt(biasSquares + 1e-8);
            }
        }
        for (int f = 0; f < weights.length; f++) {
            weights[f] *= ratio[f]; // folded in: the model file holds one weight per feature
        }
        return new SentimentModel(description, features, weights, bias, 1, 0);
    }

    /**
     * NBSVM's feature scaling (Wang and Manning, 2012): each feature counts by how much more often it appears in
     * positive than in negative texts, log((pos + 1) / (P + 1)) - log((neg + 1) / (N + 1)).
     */
    private static float[] logCountRatios(SentimentFeatures features, List<LabelledText> data, List<int[]> vectors,
                                          int minCount) {
        float[] positive = new float[features.dimension()];
        float[] negative = new float[features.dimension()];
        int positives = 0;
        for (int i = 0; i < data.size(); i++) {
            boolean isPositive = data.get(i).positive();
            positives += isPositive ? 1 : 0;
            for (int index : vectors.get(i)) {
                (isPositive ? positive : negative)[index]++;
            }
        }
        double p = positives + 1.0;
        double n = data.size() - positives + 1.0;
        float[] ratio = new float[features.dimension()];
        for (int f = 0; f < ratio.length; f++) {
            ratio[f] = positive[f] + negative[f] < minCount ? 0
                    : (float) (Math.log((positive[f] + 1) / p) - Math.log((negative[f] + 1) / n));
        }
        return ratio;
    }

    /** Platt scaling: the a, b minimising log loss of sigmoid(a * logit + b) on held-out texts. */
    static double[] platt(SentimentModel model, List<LabelledText> heldOut) {
        if (heldOut.size() < 20) {
            return new double[] {1, 0};
        }
        double[] logits = new double[heldOut.size()];
        double[] targets = new double[heldOut.size()];
        int positives = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = model.logit(heldOut.get(i).text());
            positives += heldOut.get(i).positive() ? 1 : 0;
        }
        // Platt's smoothed targets keep the fit from going to infinity on separable data.
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (logits.length - positives + 2.0);
        for (int i = 0; i < logits.length; i++) {
            targets[i] = heldOut.get(i).positive() ? high : low;
        }
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) { // Newton's method on (a, b)
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < logits.length; i++) {
                double p = sigmoid(a * logits[i] + b);
                double d = p - targets[i];
                double w = p * (1 - p);
                ga += d * logits[i];
                gb += d;
                haa += w * logits[i] * logits[i];
                hab += w * logits[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new double[] {a, b};
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
