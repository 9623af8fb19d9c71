package dev.churnsentinel.textsignal.clause;

import dev.churnsentinel.textsignal.lexicon.TsvLines;
import dev.churnsentinel.textsignal.lexicon.Analysis;
import dev.churnsentinel.textsignal.lexicon.Lexicon;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;
import dev.churnsentinel.textsignal.sentiment.LabelledText;
import dev.churnsentinel.textsignal.sentiment.SentimentCorpora;
import dev.churnsentinel.textsignal.sentiment.SentimentModel;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains the {@link RiskDetector} from the labelled texts in one folder (the repository's
 * {@code text-signal-service/src/test/resources/labelled}): every row of {@code clauses.tsv} (a RISK row teaches its
 * category, any other row NONE: the same words said in praise, denied, settled ...), every row of
 * {@code risk-sentences.tsv} (one example per category it states, NONE for {@code -}), and each sentence of
 * {@code ordinary.tsv} (feedback that states no risk) as NONE. The holdouts are never read. Softmax regression with
 * AdaGrad and L2 ({@link Softmax}), a fixed seed, n-grams seen in at least {@code min-count} texts: the same
 * rows give the same file byte for byte ({@code RiskDetectorTest} checks the shipped one).
 *
 * <pre>
 *   java ... DetectorTrainer train --out text-signal-service/src/main/resources/clause/detector.tsv LABELLED_DIR
 *   java ... DetectorTrainer cv [--l2 1e-4] [--epochs 20] [--min-count 2] LABELLED_DIR
 *   java ... DetectorTrainer scan --corpora CORPORA_DIR [--show 20] LABELLED_DIR
 * </pre>
 * {@code cv} is 5-fold cross-validation of the whole analysis (lexicon, clause classifier and a detector trained on the
 * other folds) over the clauses and the ordinary texts, at several thresholds: how to choose settings without the
 * holdout. {@code scan} prints how many of the sentiment corpora's reviews the analysis flags as high-risk, with and
 * without the detector (praise flagged is a false RED).
 */
public final class DetectorTrainer {

    /** Training settings; {@link #defaults()} are the shipped model's. */
    public record Options(int epochs, double learningRate, double l2, int minCount, double threshold, long seed) {
        public static Options defaults() {
            return new Options(20, 0.05, 1e-4, 2, 0.7, 20261207L);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "epochs=%d rate=%s l2=%s min-count=%d threshold=%s seed=%d", epochs,
                    learningRate, l2, minCount, threshold, seed);
        }
    }

    /** A labelled text: its class (index into {@link RiskDetector#CLASSES}), and for clause rows the row itself. */
    record Example(String text, int label, ClauseTrainer.Row row) {
    }

    private final Options options;
    private final SentimentModel sentiment;

    public DetectorTrainer(Options options, SentimentModel sentiment) {
        this.options = options;
        this.sentiment = sentiment;
    }

    /** The training examples of a labelled folder, in file order. */
    static List<Example> examples(Path dir) throws IOException {
        List<Example> examples = new ArrayList<>();
        for (ClauseTrainer.Row row : ClauseTrainer.read(Files.newBufferedReader(dir.resolve("clauses.tsv")))) {
            examples.add(new Example(row.text(), row.label().equals(ClauseModel.RISK)
                    ? RiskDetector.CLASSES.indexOf(row.category()) : 0, row));
        }
        for (String[] f : rows(dir.resolve("risk-sentences.tsv"), 3)) {
            if (f[0].equals("-")) {
                examples.add(new Example(f[2], 0, null));
            } else {
                for (String category : f[0].split(",")) {
                    int label = RiskDetector.CLASSES.indexOf(category.trim());
                    if (label < 1) {
                        throw new IOException("risk-sentences.tsv: unknown category " + category);
                    }
                    examples.add(new Example(f[2], label, null));
                }
            }
        }
        Path ordinary = dir.resolve("ordinary.tsv");
        if (Files.exists(ordinary)) {
            for (String[] f : rows(ordinary, 2)) {
                String normalized = Lexicon.normalize(f[1]);
                for (int[] s : RiskDetector.sentences(normalized)) {
                    examples.add(new Example(f[1].substring(s[0], s[1]), 0, null));
                }
            }
        }
        return examples;
    }

    private static List<String[]> rows(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (TsvLines lines = new TsvLines(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            String[] f;
            while ((f = lines.next()) != null) {
                int number = lines.number();
                if (f.length != columns) {
                    throw new IOException(file.getFileName() + " line " + number + ": expected " + columns + " columns");
                }
                rows.add(f);
            }
        }
        return rows;
    }

    public RiskDetector train(List<Example> examples, String description) {
        Map<String, Integer> seen = new TreeMap<>();
        for (Example e : examples) {
            String normalized = Lexicon.normalize(e.text());
            Set<String> names = new HashSet<>();
            RiskDetector.grams(normalized, 0, normalized.length(),
                    (key, from, to) -> names.add(RiskDetector.name(key, normalized, from, to)));
            names.forEach(n -> seen.merge(n, 1, Integer::sum));
        }
        List<String> names = new ArrayList<>(RiskDetector.EXTRAS);
        seen.forEach((name, count) -> {
            if (count >= options.minCount()) {
                names.add(name);
            }
        });
        int k = RiskDetector.CLASSES.size();
        // a model with every weight zero reads the features as the trained one will
        RiskDetector reader = new RiskDetector("", options.threshold(), names, new float[k], new float[names.size() * k]);
        List<ClauseFeatures.Vector> xs = new ArrayList<>();
        int[] labels = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            xs.add(features(reader, examples.get(i).text()));
            labels[i] = examples.get(i).label();
        }
        Softmax.Weights fitted = Softmax.fit(xs, labels, k, names.size(), options.epochs(),
                options.learningRate(), options.l2(), options.seed());
        return new RiskDetector(description, options.threshold(), names, Softmax.rounded(fitted.bias()),
                Softmax.rounded(fitted.weights()));
    }

    private ClauseFeatures.Vector features(RiskDetector detector, String text) {
        String normalized = Lexicon.normalize(text);
        return detector.features(normalized, 0, normalized.length(), sentiment.calibratedLogit(normalized), asks(normalized));
    }

    /** Whether a training text asks something: its last sentence is a question, or it ends with a question mark. */
    private static boolean asks(String normalized) {
        int end = normalized.length();
        while (end > 0 && (ClauseFeatures.isSentenceEnd(normalized, end - 1) || Character.isWhitespace(normalized.charAt(end - 1)))) {
            end--;
        }
        return RiskDetector.question(normalized, 0, end) || normalized.endsWith("?");
    }

    /**
     * Counts what {@code analysis} made of one example into {@code c}: for a clause row, a true positive, false
     * positive or false negative (c[0..2]: a counted phrase or detection of the row's category is a flag); for a text
     * that states no risk, whether anything counted (c[3]) and one more such text (c[4]). Returns, for a clause row,
     * whether it was judged right.
     */
    private static boolean count(int[] c, Example e, Analysis analysis) {
        if (e.row() != null) {
            boolean risk = e.row().label().equals(ClauseModel.RISK);
            boolean flagged = analysis.riskKeywords().stream()
                    .anyMatch(k -> k.counts() && k.category().equals(e.row().category()));
            c[0] += flagged && risk ? 1 : 0;
            c[1] += flagged && !risk ? 1 : 0;
            c[2] += !flagged && risk ? 1 : 0;
            return flagged == risk;
        }
        if (e.label() == 0) {
            c[3] += analysis.highRisk() ? 1 : 0;
            c[4]++;
        }
        return false;
    }

    /**
     * 5-fold cross-validation of the whole analysis at each threshold: for the clause rows, precision and recall of
     * "a phrase or a detection of the row's category counts"; for the ordinary texts, the share with anything counted.
     */
    void crossValidate(List<Example> examples, TextAnalyzer analyzer, double[] thresholds) {
        int folds = 5;
        int[] before = new int[5];
        for (Example e : examples) {
            count(before, e, analyzer.analyze("cv", e.text()));
        }
        int[][] counts = new int[thresholds.length][8]; // as count(), then the detector alone: tp, fp, fn
        Map<String, int[]> perKind = new TreeMap<>();
        for (int fold = 0; fold < folds; fold++) {
            List<Example> train = new ArrayList<>();
            List<Example> test = new ArrayList<>();
            for (Example e : examples) {
                (Math.floorMod(e.text().hashCode(), folds) == fold ? test : train).add(e);
            }
            RiskDetector trained = train(train, "fold " + fold);
            for (int t = 0; t < thresholds.length; t++) {
                RiskDetector atThreshold = trained.withThreshold(thresholds[t]);
                TextAnalyzer withDetector = analyzer.with(atThreshold);
                for (Example e : test) {
                    boolean right = count(counts[t], e, withDetector.analyze("cv", e.text()));
                    if (e.row() == null) {
                        continue;
                    }
                    boolean risk = e.row().label().equals(ClauseModel.RISK);
                    String normalized = Lexicon.normalize(e.text());
                    RiskDetector.Detection alone = atThreshold.detect(normalized, 0, normalized.length(),
                            () -> sentiment.calibratedLogit(normalized), asks(normalized));
                    boolean found = alone != null && alone.category().equals(e.row().category());
                    counts[t][5] += found && risk ? 1 : 0;
                    counts[t][6] += found && !risk ? 1 : 0;
                    counts[t][7] += !found && risk ? 1 : 0;
                    if (t == thresholds.length / 2) {
                        int[] kind = perKind.computeIfAbsent(e.row().kind(), x -> new int[2]);
                        kind[0] += right ? 1 : 0;
                        kind[1]++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "5-fold cv, %s; clause rows: the whole analysis, and the detector alone%n"
                + "%9s %9s %7s %6s %18s %11s %7s%n", options, "threshold", "precision", "recall", "F1", "no-risk flagged",
                "alone: P", "R");
        System.out.printf(Locale.ROOT, "%9s %9.3f %7.3f %6s %7d/%d (%.2f%%)%n", "none", before[0] / (double) (before[0] + before[1]),
                before[0] / (double) (before[0] + before[2]), "", before[3], before[4], 100.0 * before[3] / before[4]);
        for (int t = 0; t < thresholds.length; t++) {
            int[] c = counts[t];
            double p = c[0] / (double) Math.max(1, c[0] + c[1]);
            double r = c[0] / (double) Math.max(1, c[0] + c[2]);
            System.out.printf(Locale.ROOT, "%9.2f %9.3f %7.3f %6.3f %7d/%d (%.2f%%) %11.3f %7.3f%n", thresholds[t], p, r,
                    2 * p * r / Math.max(1e-9, p + r), c[3], c[4], 100.0 * c[3] / Math.max(1, c[4]),
                    c[5] / (double) Math.max(1, c[5] + c[6]), c[5] / (double) Math.max(1, c[5] + c[7]));
        }
        System.out.print("judged right per kind at threshold " + thresholds[thresholds.length / 2] + ":");
        perKind.forEach((kind, k) -> System.out.printf(Locale.ROOT, " %s %d/%d", kind, k[0], k[1]));
        System.out.println();
    }

    /**
     * How many of the corpora's positive and negative reviews each analyzer flags as high-risk, and the first
     * {@code show} positive reviews the last one flags and the first does not (with what it inferred).
     */
    static void scan(SentimentCorpora corpora, List<Map.Entry<String, TextAnalyzer>> analyzers, int show) {
        List<LabelledText> texts = new ArrayList<>();
        corpora.pool().forEach(s -> texts.add(s.text()));
        boolean[][] flagged = new boolean[analyzers.size()][texts.size()];
        for (int a = 0; a < analyzers.size(); a++) {
            int[] count = new int[2];
            int[] all = new int[2];
            for (int i = 0; i < texts.size(); i++) {
                int side = texts.get(i).positive() ? 0 : 1;
                all[side]++;
                flagged[a][i] = analyzers.get(a).getValue().analyze("scan", texts.get(i).text()).highRisk();
                count[side] += flagged[a][i] ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%-28s positive reviews flagged %5d/%d (%.2f%%), negative %5d/%d (%.2f%%)%n",
                    analyzers.get(a).getKey(), count[0], all[0], 100.0 * count[0] / all[0], count[1], all[1],
                    100.0 * count[1] / all[1]);
        }
        int last = analyzers.size() - 1;
        for (int i = 0; i < texts.size() && show > 0; i++) {
            if (texts.get(i).positive() && flagged[last][i] && !flagged[0][i]) {
                show--;
                Analysis analysis = analyzers.get(last).getValue().analyze("scan", texts.get(i).text());
                System.out.println("  + " + texts.get(i).text().replace('\n', ' ') + "  ->  " + analysis.riskKeywords().stream()
                        .filter(Analysis.RiskKeyword::counts).map(k -> k.category() + " " + k.term()).toList());
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            usage();
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        Options d = Options.defaults();
        String out = ClauseTrainer.option(rest, "--out", null);
        String corpora = ClauseTrainer.option(rest, "--corpora", null);
        String show = ClauseTrainer.option(rest, "--show", "0");
        Options options = new Options(Integer.parseInt(ClauseTrainer.option(rest, "--epochs", String.valueOf(d.epochs()))),
                Double.parseDouble(ClauseTrainer.option(rest, "--rate", String.valueOf(d.learningRate()))),
                Double.parseDouble(ClauseTrainer.option(rest, "--l2", String.valueOf(d.l2()))),
                Integer.parseInt(ClauseTrainer.option(rest, "--min-count", String.valueOf(d.minCount()))),
                Double.parseDouble(ClauseTrainer.option(rest, "--threshold", String.valueOf(d.threshold()))), d.seed());
        if (rest.size() != 1) {
            usage();
        }
        Path dir = Path.of(rest.get(0));
        TextAnalyzer analyzer = TextAnalyzer.lexiconOnly().with(ClauseModel.builtIn());
        DetectorTrainer trainer = new DetectorTrainer(options, analyzer.model());
        List<Example> examples = examples(dir);
        switch (args[0]) {
            case "train" -> {
                if (out == null) {
                    usage();
                }
                long started = System.nanoTime();
                RiskDetector model = trainer.train(examples, description(examples.size(), options));
                Files.writeString(Path.of(out), model.write(), StandardCharsets.UTF_8);
                System.out.printf(Locale.ROOT, "trained on %d texts in %d ms -> %s%n", examples.size(),
                        (System.nanoTime() - started) / 1_000_000, out);
            }
            case "cv" -> trainer.crossValidate(examples, analyzer,
                    new double[] {0.5, 0.6, 0.7, 0.8, 0.9});
            case "scan" -> {
                if (corpora == null) {
                    usage();
                }
                scan(SentimentCorpora.read(Path.of(corpora)), List.of(Map.entry("lexicon + clause classifier", analyzer),
                        Map.entry("... + detector", analyzer.with(trainer.train(examples, "scan")))),
                        Integer.parseInt(show));
            }
            default -> usage();
        }
    }

    /** What the model file says it is. */
    static String description(int texts, Options options) {
        return "trained on labelled/ clauses.tsv, risk-sentences.tsv and ordinary.tsv (" + texts + " texts) with "
                + options;
    }

    private static void usage() {
        System.err.println("""
                usage: train --out MODEL [--epochs 20] [--rate 0.05] [--l2 1e-4] [--min-count 2] [--threshold 0.7] LABELLED_DIR
                       cv [the same options] LABELLED_DIR
                       scan --corpora CORPORA_DIR [--show 20] [the same options] LABELLED_DIR""");
        System.exit(2);
    }
}
