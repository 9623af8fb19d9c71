package dev.churnsentinel.textsignal.clause;

import dev.churnsentinel.textsignal.lexicon.TsvLines;
import dev.churnsentinel.textsignal.lexicon.Lexicon;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * Finds a churn risk in a sentence that holds no listed risk phrase: softmax regression over the sentence's character
 * n-grams (one to three characters of Chinese text), its words and pairs of adjacent words (Latin text), and the
 * sentiment model's reading of it, into {@value #NONE} or one of {@link Lexicon#CATEGORIES}. A category counts when its
 * probability reaches the threshold. Immutable and thread-safe; nothing is allocated per n-gram on the request path.
 *
 * <p>File format ({@code clause/detector.tsv}, text, so a retrained model shows in a diff): {@code #} comments, then
 * {@code format}, {@code description}, {@code threshold} and {@code classes} lines, a {@code bias} line, and one line
 * per feature: its name and one weight per class, four decimals. A feature's name is its characters (解约, 不想),
 * {@code w:WORD} or {@code ww:WORD WORD} for Latin words, or {@code @NAME} for the sentence's sentiment and question.
 * {@link DetectorTrainer} writes it.
 */
public final class RiskDetector {
    public static final String NONE = "NONE";
    /** NONE first, then the categories: the classes of the softmax, in this order. */
    public static final List<String> CLASSES;
    /** Features every sentence has a value for, before the n-grams. */
    static final List<String> EXTRAS = List.of("@negative", "@positive", "@question");
    static final int FORMAT = 1;
    /** The longest character n-gram. */
    static final int LONGEST = 3;

    static {
        List<String> classes = new ArrayList<>();
        classes.add(NONE);
        classes.addAll(Lexicon.CATEGORIES);
        CLASSES = List.copyOf(classes);
    }

    /** A risk read in a sentence: its category and the probability the model gives it. */
    public record Detection(String category, double probability) {
    }

    private final String description;
    private final double threshold;
    /** Feature names in index order: {@link #EXTRAS}, then the n-grams. */
    private final List<String> names;
    private final GramIndex index;
    private final float[] bias;
    /** {@code weights[feature * classes + class]}. */
    private final float[] weights;

    RiskDetector(String description, double threshold, List<String> names, float[] bias, float[] weights) {
        this(description, threshold, List.copyOf(names), index(names), bias, weights);
        if (weights.length != names.size() * CLASSES.size() || bias.length != CLASSES.size()
                || !names.subList(0, EXTRAS.size()).equals(EXTRAS)) {
            throw new IllegalArgumentException("weights do not fit the features");
        }
    }

    private RiskDetector(String description, double threshold, List<String> names, GramIndex index, float[] bias,
                         float[] weights) {
        this.description = description;
        this.threshold = threshold;
        this.names = names;
        this.index = index;
        this.bias = bias;
        this.weights = weights;
    }

    private static GramIndex index(List<String> names) {
        GramIndex index = new GramIndex(names.size());
        for (int i = EXTRAS.size(); i < names.size(); i++) {
            index.put(key(names.get(i)), i);
        }
        return index;
    }

    public String description() {
        return description;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * The risk that {@code normalized[begin, end)} (a sentence of text normalised by {@link Lexicon#normalize}) states,
     * or null when no category reaches the threshold. {@code sentiment} gives the sentiment model's calibrated
     * log-odds of the sentence; it is asked only when the n-grams leave a category within reach of the threshold
     * (whatever the sentiment, the others cannot get there), which spares most sentences a second reading.
     */
    public Detection detect(String normalized, int begin, int end, DoubleSupplier sentiment, boolean question) {
        int k = CLASSES.size();
        double[] scores = new double[k];
        for (int c = 0; c < k; c++) {
            scores[c] = bias[c] + (question ? weights[2 * k + c] : 0);
        }
        grams(normalized, begin, end, (key, from, to) -> {
            int at = index.get(key);
            if (at >= 0) {
                for (int c = 0, row = at * k; c < k; c++) {
                    scores[c] += weights[row + c];
                }
            }
        });
        if (!withinReach(scores)) {
            return null;
        }
        double s = sentiment.getAsDouble();
        float negative = sentimentValue(-s);
        float positive = sentimentValue(s);
        for (int c = 0; c < k; c++) {
            scores[c] += weights[c] * negative + weights[k + c] * positive;
        }
        double[] p = ClauseModel.softmax(scores);
        int best = 1;
        for (int c = 2; c < k; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return p[best] >= threshold ? new Detection(CLASSES.get(best), p[best]) : null;
    }

    /**
     * Whether some category could reach the threshold once the sentiment features (each between 0 and 1, at most one
     * of them non-zero) are added to {@code scores}: the category at its highest, every other class at its lowest.
     */
    private boolean withinReach(double[] scores) {
        int k = CLASSES.size();
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double[] low = new double[k];
        double lowSum = 0;
        for (int c = 0; c < k; c++) {
            low[c] = StrictMath.exp(scores[c] - max + Math.min(0, Math.min(weights[c], weights[k + c])));
            lowSum += low[c];
        }
        for (int c = 1; c < k; c++) {
            double high = StrictMath.exp(scores[c] - max + Math.max(0, Math.max(weights[c], weights[k + c])));
            if (high / (high + lowSum - low[c]) >= threshold) {
                return true;
            }
        }
        return false;
    }

    private static float sentimentValue(double logOdds) {
        return (float) Math.min(1, Math.max(0, logOdds / 4));
    }

    /** The same model (sharing its weights and n-gram index) with another threshold. */
    public RiskDetector withThreshold(double other) {
        return new RiskDetector(description, other, names, index, bias, weights);
    }

    /**
     * The sentences of a normalised text as [begin, end) without the spaces around them; empty stretches left out.
     * What the analysis hands the detector, one at a time.
     */
    public static List<int[]> sentences(String normalized) {
        List<int[]> sentences = new ArrayList<>();
        int begin = 0;
        for (int i = 0; i <= normalized.length(); i++) {
            if (i == normalized.length() || ClauseFeatures.isSentenceEnd(normalized, i)) {
                int b = begin;
                int e = i;
                while (b < e && Character.isWhitespace(normalized.charAt(b))) {
                    b++;
                }
                while (e > b && Character.isWhitespace(normalized.charAt(e - 1))) {
                    e--;
                }
                if (e > b) {
                    sentences.add(new int[] {b, e});
                }
                begin = i + 1;
            }
        }
        return sentences;
    }

    /** Whether the sentence at [begin, end) of {@code normalized} asks something: a question mark after it, or 吗. */
    public static boolean question(String normalized, int begin, int end) {
        return end < normalized.length() && normalized.charAt(end) == '?'
                || end > begin && normalized.charAt(end - 1) == '吗';
    }

    /**
     * The sentence's features this model knows, as {@link #detect} weighs them: the sentiment and question values,
     * then each n-gram it was trained on with the number of times it stands in the sentence (n-grams it does not know
     * are left out).
     */
    ClauseFeatures.Vector features(String normalized, int begin, int end, double sentiment, boolean question) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        grams(normalized, begin, end, (key, from, to) -> {
            int at = index.get(key);
            if (at >= 0) {
                counts.merge(at, 1, Integer::sum);
            }
        });
        int size = EXTRAS.size() + counts.size();
        int[] indices = new int[size];
        float[] values = new float[size];
        for (int i = 0; i < EXTRAS.size(); i++) {
            indices[i] = i;
        }
        values[0] = sentimentValue(-sentiment);
        values[1] = sentimentValue(sentiment);
        values[2] = question ? 1 : 0;
        int i = EXTRAS.size();
        for (var count : counts.entrySet()) {
            indices[i] = count.getKey();
            values[i++] = count.getValue();
        }
        return new ClauseFeatures.Vector(indices, values, size);
    }

    /** Receives each n-gram of a sentence: its key and the stretch of text it was read from. */
    interface GramSink {
        void accept(long key, int from, int to);
    }

    /** The name the model file gives the n-gram {@link #grams} read as {@code key} from {@code text[from, to)}. */
    static String name(long key, String text, int from, int to) {
        String gram = text.substring(from, to);
        return (key & WORD) != 0 ? "w:" + gram : (key & PAIR) != 0 ? "ww:" + gram.replaceAll(" +", " ") : gram;
    }

    /**
     * Every n-gram key of {@code text[begin, end)}: for runs of letters and digits outside ASCII (Chinese), each
     * character, pair and triple; for runs of ASCII letters and digits (a word), the word and the pair it makes with the
     * word before it in the same clause. Anything else (spaces, punctuation) ends a run.
     */
    static void grams(String text, int begin, int end, GramSink sink) {
        long previousWord = 0;
        int previousFrom = begin;
        int i = begin;
        while (i < end) {
            char c = text.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                int from = i;
                while (i < end && text.charAt(i) < 128 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '\'')) {
                    i++;
                }
                long word = wordKey(text, from, i);
                sink.accept(word, from, i);
                if (previousWord != 0) {
                    sink.accept(pairKey(previousWord, word), previousFrom, i);
                }
                previousWord = word;
                previousFrom = from;
            } else if (c >= 128 && Character.isLetterOrDigit(c)) {
                int from = i;
                while (i < end && text.charAt(i) >= 128 && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                for (int a = from; a < i; a++) {
                    for (int n = 1; n <= LONGEST && a + n <= i; n++) {
                        sink.accept(charKey(text, a, n), a, a + n);
                    }
                }
                previousWord = 0;
            } else {
                if (c != ' ') {
                    previousWord = 0;
                }
                i++;
            }
        }
    }

    /** One to three characters, each in 16 bits, and the count above them: never 0, never a word's key. */
    static long charKey(CharSequence text, int from, int n) {
        long key = n;
        for (int i = 0; i < n; i++) {
            key = key << 16 | text.charAt(from + i);
        }
        return key;
    }

    private static final long WORD = 1L << 62;
    private static final long PAIR = 1L << 61;
    private static final long LOW = (1L << 56) - 1;

    static long wordKey(CharSequence text, int from, int to) {
        long hash = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return WORD | hash & LOW;
    }

    static long pairKey(long first, long second) {
        return PAIR | (first * 31 + second) * 0x9E3779B97F4A7C15L & LOW;
    }

    /** The key of a feature name as the model file writes it. */
    static long key(String name) {
        if (name.startsWith("ww:")) {
            String[] words = name.substring(3).split(" ");
            return pairKey(wordKey(words[0], 0, words[0].length()), wordKey(words[1], 0, words[1].length()));
        }
        if (name.startsWith("w:")) {
            return wordKey(name, 2, name.length());
        }
        return charKey(name, 0, name.length());
    }

    /** The file's text; {@link #read} of it gives this model back. */
    public String write() {
        StringBuilder out = new StringBuilder();
        out.append("# Churn Sentinel risk detector (dev.churnsentinel.textsignal.clause). Trained, not edited:\n")
                .append("# DetectorTrainer reproduces it from the labelled texts (see its class comment).\n")
                .append("format\t").append(FORMAT).append('\n')
                .append("description\t").append(description).append('\n')
                .append("threshold\t").append(ClauseModel.number(threshold)).append('\n')
                .append("classes\t").append(String.join("\t", CLASSES)).append('\n');
        ModelFiles.row(out, "bias", bias, 0, CLASSES.size());
        int k = CLASSES.size();
        for (int f = 0; f < names.size(); f++) {
            ModelFiles.row(out, names.get(f), weights, f * k, CLASSES.size());
        }
        return out.toString();
    }

    /** The built-in model, {@code clause/detector.tsv}. */
    public static RiskDetector builtIn() throws IOException {
        return read(ModelFiles.builtIn("clause/detector.tsv"));
    }

    public static RiskDetector read(Reader source) throws IOException {
        String description = "";
        double threshold = 0.5;
        float[] bias = null;
        List<String> names = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        int k = CLASSES.size();
        try (TsvLines lines = new TsvLines(source)) {
            String[] f;
            while ((f = lines.next()) != null) {
                int number = lines.number();
                switch (f[0]) {
                    case "format" -> ModelFiles.checkFormat(f, FORMAT, "risk detector");
                    case "description" -> description = f.length > 1 ? f[1] : "";
                    case "threshold" -> threshold = Double.parseDouble(f[1]);
                    case "classes" -> ModelFiles.checkClasses(f, CLASSES, "risk detector", number);
                    default -> {
                        float[] values = ModelFiles.weights(f, k, "risk detector", number);
                        if (f[0].equals("bias")) {
                            bias = values;
                        } else {
                            boolean extra = f[0].startsWith("@");
                            if (extra != names.size() < EXTRAS.size() || extra && !EXTRAS.get(names.size()).equals(f[0])
                                    || !extra && !f[0].startsWith("w:") && !f[0].startsWith("ww:") && f[0].length() > LONGEST) {
                                throw new IOException("risk detector line " + number + ": unexpected feature '" + f[0]
                                        + "' (the features are " + EXTRAS + " in this order, then n-grams)");
                            }
                            names.add(f[0]);
                            rows.add(values);
                        }
                    }
                }
            }
        }
        if (bias == null || names.size() < EXTRAS.size()) {
            throw new IOException("risk detector: no bias line or missing features " + EXTRAS);
        }
        float[] weights = new float[names.size() * k];
        for (int f = 0; f < rows.size(); f++) {
            System.arraycopy(rows.get(f), 0, weights, f * k, k);
        }
        return new RiskDetector(description, threshold, names, bias, weights);
    }

    /** Feature index by n-gram key: open addressing over primitive arrays (key 0 is never an n-gram's). */
    static final class GramIndex {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        GramIndex(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected * 2) - 1) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            mask = capacity - 1;
        }

        void put(long key, int value) {
            int at = slot(key);
            while (keys[at] != 0 && keys[at] != key) {
                at = at + 1 & mask;
            }
            keys[at] = key;
            values[at] = value;
        }

        int get(long key) {
            int at = slot(key);
            while (keys[at] != 0) {
                if (keys[at] == key) {
                    return values[at];
                }
                at = at + 1 & mask;
            }
            return -1;
        }

        private int slot(long key) {
            return (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
        }
    }
}
