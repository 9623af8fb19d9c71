package dev.churnsentinel.textsignal.clause;

import dev.churnsentinel.textsignal.lexicon.TsvLines;
import dev.churnsentinel.textsignal.lexicon.Lexicon;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains the {@link ClauseModel}: softmax regression with AdaGrad and L2 over {@link ClauseFeatures}, a fixed seed and
 * {@link StrictMath} (the same rows give the same file, byte for byte, on any JVM). One training example per risk
 * phrase that the built-in lexicon finds, does not negate, and files under the row's own category; its label is the
 * row's (RISK or why not). Rows without such a phrase teach nothing (there is nothing to judge).
 *
 * <pre>
 *   java ... ClauseTrainer train --out text-signal-service/src/main/resources/clause/model.tsv \
 *        text-signal-service/src/test/resources/labelled/clauses.tsv
 *   java ... ClauseTrainer cv [--bigram-bits 10] [--l2 1e-3] [--epochs 20] [--threshold 0.3] clauses.tsv
 * </pre>
 * {@code cv} is 5-fold cross-validation on the training rows, for choosing settings without the holdout. Training takes
 * well under a second. {@code ClauseModelTest} checks that training reproduces the shipped file.
 */
public final class ClauseTrainer {

    /** Training settings; {@link #defaults()} are the shipped model's. */
    public record Options(int bigramBits, int epochs, double learningRate, double l2, double threshold, long seed) {
        public static Options defaults() {
            return new Options(0, 20, 0.05, 1e-3, 0.3, 20261201L);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "bigram-bits=%d epochs=%d rate=%s l2=%s threshold=%s seed=%d", bigramBits,
                    epochs, learningRate, l2, threshold, seed);
        }
    }

    /** One labelled clause of {@code labelled/clauses*.tsv}. */
    public record Row(String category, String label, String kind, String text) {
    }

    /** A training example: features of one phrase, the index of its class, and the row it came from. */
    record Example(ClauseFeatures.Vector x, int label, int row) {
    }

    private final Options options;
    private final TextAnalyzer analyzer;
    private final ClauseFeatures features;

    public ClauseTrainer(Options options, TextAnalyzer lexiconOnly, ClauseFeatures features) {
        this.options = options;
        this.analyzer = lexiconOnly.with((ClauseModel) null);
        this.features = features;
    }

    /** The rows of a clauses file: CATEGORY, LABEL, KIND, TEXT; # comments and blank lines skipped. */
    public static List<Row> read(Reader source) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (TsvLines lines = new TsvLines(source)) {
            String[] f;
            while ((f = lines.next()) != null) {
                int number = lines.number();
                if (f.length != 4 || !Lexicon.CATEGORIES.contains(f[0]) || !ClauseModel.CLASSES.contains(f[1])) {
                    throw new IOException("clauses line " + number + ": expected CATEGORY<TAB>LABEL<TAB>KIND<TAB>TEXT");
                }
                rows.add(new Row(f[0], f[1], f[2], f[3]));
            }
        }
        return rows;
    }

    List<Example> examples(List<Row> rows) {
        List<Example> examples = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (TextAnalyzer.Judged phrase : analyzer.judged(row.text(), features, options.bigramBits())) {
                if (phrase.category().equals(row.category())) {
                    examples.add(new Example(phrase.features(), ClauseModel.CLASSES.indexOf(row.label()), r));
                }
            }
        }
        return examples;
    }

    public ClauseModel train(List<Row> rows, String description) {
        return fit(examples(rows), description);
    }

    ClauseModel fit(List<Example> examples, String description) {
        int[] labels = examples.stream().mapToInt(Example::label).toArray();
        Softmax.Weights fitted = Softmax.fit(examples.stream().map(Example::x).toList(), labels,
                ClauseModel.CLASSES.size(), ClauseModel.dimension(features, options.bigramBits()), options.epochs(),
                options.learningRate(), options.l2(), options.seed());
        return new ClauseModel(description, features, options.bigramBits(), options.threshold(),
                Softmax.rounded(fitted.bias()), Softmax.rounded(fitted.weights()));
    }

    /**
     * {@code folds}-fold cross-validation over the rows (a row's fold by the hash of its text): each fold judged by a
     * model trained on the others. Returns, per row, whether a phrase of its category was counted.
     */
    boolean[] crossValidate(List<Row> rows, int folds) {
        List<Example> examples = examples(rows);
        boolean[] flagged = new boolean[rows.size()];
        for (int fold = 0; fold < folds; fold++) {
            final int f = fold;
            List<Example> train = new ArrayList<>();
            List<Example> test = new ArrayList<>();
            for (Example e : examples) {
                (Math.floorMod(rows.get(e.row()).text().hashCode(), folds) == f ? test : train).add(e);
            }
            ClauseModel model = fit(train, "fold " + f);
            for (Example e : test) {
                flagged[e.row()] |= model.dismissal(e.x()) == null;
            }
        }
        return flagged;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            usage();
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        Options d = Options.defaults();
        String out = option(rest, "--out", null);
        Options options = new Options(Integer.parseInt(option(rest, "--bigram-bits", String.valueOf(d.bigramBits()))),
                Integer.parseInt(option(rest, "--epochs", String.valueOf(d.epochs()))),
                Double.parseDouble(option(rest, "--rate", String.valueOf(d.learningRate()))),
                Double.parseDouble(option(rest, "--l2", String.valueOf(d.l2()))),
                Double.parseDouble(option(rest, "--threshold", String.valueOf(d.threshold()))), d.seed());
        if (rest.size() != 1) {
            usage();
        }
        Path file = Path.of(rest.get(0));
        List<Row> rows = read(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        ClauseTrainer trainer = new ClauseTrainer(options, TextAnalyzer.lexiconOnly(), ClauseFeatures.builtIn());
        switch (args[0]) {
            case "train" -> {
                if (out == null) {
                    usage();
                }
                long started = System.nanoTime();
                ClauseModel model = trainer.train(rows, description(file.getFileName().toString(), rows.size(), options));
                Files.writeString(Path.of(out), model.write(), StandardCharsets.UTF_8);
                System.out.printf(Locale.ROOT, "trained on %d rows in %d ms -> %s%n", rows.size(),
                        (System.nanoTime() - started) / 1_000_000, out);
            }
            case "cv" -> {
                boolean[] flagged = trainer.crossValidate(rows, 5);
                int tp = 0, fp = 0, fn = 0;
                for (int r = 0; r < rows.size(); r++) {
                    boolean risk = rows.get(r).label().equals(ClauseModel.RISK);
                    tp += flagged[r] && risk ? 1 : 0;
                    fp += flagged[r] && !risk ? 1 : 0;
                    fn += !flagged[r] && risk ? 1 : 0;
                }
                double p = tp / (double) (tp + fp);
                double rc = tp / (double) (tp + fn);
                System.out.printf(Locale.ROOT, "5-fold cv %s: precision %.3f recall %.3f F1 %.3f%n", options, p, rc,
                        2 * p * rc / (p + rc));
            }
            default -> usage();
        }
    }

    /** What the model file says it is. */
    public static String description(String file, int rows, Options options) {
        return "trained on " + file + " (" + rows + " rows) with " + options;
    }

    static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        String value = args.remove(at + 1);
        args.remove(at);
        return value;
    }

    private static void usage() {
        System.err.println("""
                usage: train --out MODEL [--bigram-bits 0] [--epochs 20] [--rate 0.05] [--l2 1e-3] [--threshold 0.3] CLAUSES.tsv
                       cv [the same options] CLAUSES.tsv""");
        System.exit(2);
    }
}
