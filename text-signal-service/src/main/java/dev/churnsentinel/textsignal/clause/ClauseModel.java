package dev.churnsentinel.textsignal.clause;

import dev.churnsentinel.textsignal.lexicon.TsvLines;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trained clause classifier: softmax regression over {@link ClauseFeatures} that says of a risk phrase found in a
 * text whether its clause really states that risk ({@value #RISK}) or why not ({@link #REASONS}). Immutable and
 * thread-safe.
 *
 * <p>File format ({@code clause/model.tsv}, text, so a retrained model shows in a diff): {@code #} comments, then
 * {@code format}, {@code description}, {@code bigram-bits}, {@code threshold} and {@code classes} lines, a
 * {@code bias} line, and one line per feature with a non-zero weight: its name and one weight per class, rounded to
 * four decimals (what the model is, not an approximation of it: the evaluation reads the file).
 */
public final class ClauseModel {
    public static final String RISK = "RISK";
    /** Why a phrase is not counted, the labels of {@code labelled/clauses.tsv} other than RISK. */
    public static final List<String> REASONS = List.of("NEGATED", "SETTLED", "PRAISE", "HYPOTHETICAL_OTHER",
            "INFO_QUESTION");
    /** RISK first, then the reasons: the classes of the softmax, in this order. */
    public static final List<String> CLASSES;
    static final int FORMAT = 1;

    static {
        List<String> classes = new ArrayList<>();
        classes.add(RISK);
        classes.addAll(REASONS);
        CLASSES = List.copyOf(classes);
    }

    private final String description;
    private final ClauseFeatures features;
    private final int bigramBits;
    private final double threshold;
    private final float[] bias;
    /** {@code weights[feature * classes + class]}. */
    private final float[] weights;

    ClauseModel(String description, ClauseFeatures features, int bigramBits, double threshold, float[] bias,
                float[] weights) {
        if (weights.length != dimension(features, bigramBits) * CLASSES.size() || bias.length != CLASSES.size()) {
            throw new IllegalArgumentException("weights do not fit the features");
        }
        this.description = description;
        this.features = features;
        this.bigramBits = bigramBits;
        this.threshold = threshold;
        this.bias = bias;
        this.weights = weights;
    }

    static int dimension(ClauseFeatures features, int bigramBits) {
        return features.cueDimension() + (bigramBits > 0 ? 1 << bigramBits : 0);
    }

    public String description() {
        return description;
    }

    public ClauseFeatures features() {
        return features;
    }

    public int bigramBits() {
        return bigramBits;
    }

    /** Below this probability of {@value #RISK}, a phrase is dismissed. */
    public double threshold() {
        return threshold;
    }

    /** The probability of each of {@link #CLASSES}. */
    public double[] probabilities(ClauseFeatures.Vector x) {
        return softmax(Softmax.scores(bias, weights, x));
    }

    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = StrictMath.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
        return scores;
    }

    /** Why the phrase does not count (one of {@link #REASONS}), or null when it states the risk. */
    public String dismissal(ClauseFeatures.Vector x) {
        double[] p = probabilities(x);
        if (p[0] >= threshold) {
            return null;
        }
        int best = 1;
        for (int c = 2; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return CLASSES.get(best);
    }

    /** The model file's text; {@link #read} of it gives this model back. */
    public String write() {
        StringBuilder out = new StringBuilder();
        out.append("# Churn Sentinel clause classifier (dev.churnsentinel.textsignal.clause). Trained, not edited:\n")
                .append("# ClauseTrainer reproduces it from labelled/clauses.tsv (see its class comment).\n")
                .append("format\t").append(FORMAT).append('\n')
                .append("description\t").append(description).append('\n')
                .append("bigram-bits\t").append(bigramBits).append('\n')
                .append("threshold\t").append(number(threshold)).append('\n')
                .append("classes\t").append(String.join("\t", CLASSES)).append('\n');
        ModelFiles.row(out, "bias", bias, 0, CLASSES.size());
        int k = CLASSES.size();
        for (int f = 0; f < weights.length / k; f++) {
            boolean any = false;
            for (int c = 0; c < k; c++) {
                any |= weights[f * k + c] != 0;
            }
            if (any) {
                ModelFiles.row(out, f < features.cueDimension() ? features.name(f) : "bigram#" + (f - features.cueDimension()),
                        weights, f * k, CLASSES.size());
            }
        }
        return out.toString();
    }

    static String number(double value) {
        String s = String.format(Locale.ROOT, "%.4f", value);
        return s.equals("-0.0000") ? "0.0000" : s;
    }

    /** The weights as the file holds them (four decimals), so a trained model and its file judge alike. */
    static float rounded(double value) {
        return Float.parseFloat(number(value));
    }

    /** The built-in model, {@code clause/model.tsv}, over the built-in cue words. */
    public static ClauseModel builtIn() throws IOException {
        return read(ModelFiles.builtIn("clause/model.tsv"), ClauseFeatures.builtIn());
    }

    public static ClauseModel read(Reader source, ClauseFeatures features) throws IOException {
        String description = "";
        int bigramBits = -1;
        double threshold = 0.5;
        float[] bias = null;
        float[] weights = null;
        int k = CLASSES.size();
        try (TsvLines lines = new TsvLines(source)) {
            String[] f;
            while ((f = lines.next()) != null) {
                int number = lines.number();
                switch (f[0]) {
                    case "format" -> ModelFiles.checkFormat(f, FORMAT, "clause model");
                    case "description" -> description = f.length > 1 ? f[1] : "";
                    case "bigram-bits" -> {
                        bigramBits = Integer.parseInt(f[1]);
                        weights = new float[dimension(features, bigramBits) * k];
                    }
                    case "threshold" -> threshold = Double.parseDouble(f[1]);
                    case "classes" -> ModelFiles.checkClasses(f, CLASSES, "clause model", number);
                    default -> {
                        float[] values = ModelFiles.weights(f, k, "clause model", number);
                        if (f[0].equals("bias")) {
                            bias = values;
                            continue;
                        }
                        if (weights == null) {
                            throw new IOException("clause model line " + number + ": bigram-bits must come before the weights");
                        }
                        int index = f[0].startsWith("bigram#") ? features.cueDimension() + Integer.parseInt(f[0].substring(7))
                                : features.index(f[0]);
                        if (index < 0 || index * k >= weights.length) {
                            throw new IOException("clause model line " + number + ": no feature '" + f[0]
                                    + "' (trained with other cue words? retrain with ClauseTrainer)");
                        }
                        System.arraycopy(values, 0, weights, index * k, k);
                    }
                }
            }
        }
        if (bias == null || weights == null) {
            throw new IOException("clause model: no bias or no bigram-bits line");
        }
        return new ClauseModel(description, features, bigramBits, threshold, bias, weights);
    }
}
