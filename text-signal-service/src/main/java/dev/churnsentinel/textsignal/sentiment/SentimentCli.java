package dev.churnsentinel.textsignal.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The training and evaluation commands (see the model card, {@code sentiment/MODEL-CARD.md}).
 * <pre>
 *   train    --out MODEL [--bits 22] [--ngrams 3] [--epochs 12] [--rate 0.2] [--l2 1e-6] [--no-negation] FILE...
 *   evaluate --model MODEL [--distinct] [--exclude FILE]... [--part K/N | --not-part K/N] FILE
 *   report   --model MODEL --data-dir DIR
 * </pre>
 * Files are labelled TSV/CSV as {@link LabelledText#read} describes.
 */
public final class SentimentCli {

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage("");
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        switch (args[0]) {
            case "train" -> train(rest);
            case "evaluate" -> evaluate(rest);
            case "report" -> report(rest);
            default -> usage("unknown command " + args[0]);
        }
    }

    private static void train(List<String> args) throws IOException {
        SentimentTrainer.Options d = SentimentTrainer.Options.defaults();
        Path out = Path.of(required(args, "--out"));
        SentimentTrainer.Options options = new SentimentTrainer.Options(
                Integer.parseInt(option(args, "--bits", String.valueOf(d.bits()))),
                Integer.parseInt(option(args, "--ngrams", String.valueOf(d.maxN()))),
                !flag(args, "--no-negation"),
                Integer.parseInt(option(args, "--epochs", String.valueOf(d.epochs()))),
                Double.parseDouble(option(args, "--rate", String.valueOf(d.learningRate()))),
                Double.parseDouble(option(args, "--l2", String.valueOf(d.l2()))),
                d.seed());
        if (args.isEmpty()) {
            usage("train: no labelled files given");
        }
        List<LabelledText> data = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String file : args) {
            data.addAll(LabelledText.read(Path.of(file)));
            names.add(Path.of(file).getFileName().toString());
        }
        long started = System.nanoTime();
        SentimentModel model = new SentimentTrainer(options).train(data,
                "trained on " + String.join(", ", names) + " (" + data.size() + " texts) with " + options);
        try (OutputStream target = Files.newOutputStream(out)) {
            model.write(target);
        }
        System.out.printf(Locale.ROOT, "trained on %d texts in %.1f s -> %s (%d bytes)%n", data.size(),
                (System.nanoTime() - started) / 1e9, out, Files.size(out));
    }

    private static void evaluate(List<String> args) throws IOException {
        SentimentModel model = load(Path.of(required(args, "--model")));
        boolean distinct = flag(args, "--distinct");
        Set<String> excluded = new HashSet<>();
        String exclude;
        while ((exclude = option(args, "--exclude", null)) != null) {
            LabelledText.read(Path.of(exclude)).forEach(t -> excluded.add(t.text()));
        }
        Predicate<LabelledText> part = part(option(args, "--part", null), true)
                .and(part(option(args, "--not-part", null), false));
        if (args.size() != 1) {
            usage("evaluate: give exactly one labelled file");
        }
        List<LabelledText> data = select(LabelledText.read(Path.of(args.get(0))), excluded, distinct, part);
        System.out.println(SentimentEvaluation.of(model, data));
    }

    /** The accuracy table of the model card: the benchmark split, raw and de-duplicated, and online shopping. */
    private static void report(List<String> args) throws IOException {
        SentimentModel model = load(Path.of(required(args, "--model")));
        Path dir = Path.of(required(args, "--data-dir"));
        Set<String> train = texts(LabelledText.read(dir.resolve("chnsenticorp_train.tsv")));
        Set<String> none = Set.of();
        List<LabelledText> test = LabelledText.read(dir.resolve("chnsenticorp_test.tsv"));
        List<LabelledText> dev = LabelledText.read(dir.resolve("chnsenticorp_dev.tsv"));
        List<LabelledText> shopping = LabelledText.read(dir.resolve("online_shopping_10_cats.csv"));
        Predicate<LabelledText> heldOut = part("0/10", true);
        System.out.println("model: " + model.description());
        row("chnsenticorp_dev (raw)", model, select(dev, none, false, t -> true));
        row("chnsenticorp_test (raw)", model, select(test, none, false, t -> true));
        row("chnsenticorp_test (distinct, none in train)", model, select(test, train, true, t -> true));
        row("online_shopping held-out 1/10 (none in train)", model, select(shopping, train, true, heldOut));
        // What a customer retraining on their own feedback gets: the other nine tenths of online shopping.
        List<LabelledText> heldOutTexts = select(shopping, none, true, heldOut);
        SentimentModel retrained = new SentimentTrainer(SentimentTrainer.Options.defaults())
                .train(select(shopping, texts(heldOutTexts), false, heldOut.negate()), "retrained on online_shopping 9/10");
        row("retrained on online_shopping 9/10: held-out 1/10", retrained, heldOutTexts);
    }

    private static void row(String name, SentimentModel model, List<LabelledText> data) {
        System.out.printf(Locale.ROOT, "%-48s %s%n", name, SentimentEvaluation.of(model, data));
    }

    static List<LabelledText> select(List<LabelledText> data, Set<String> excluded, boolean distinct,
                                     Predicate<LabelledText> part) {
        Set<String> seen = new LinkedHashSet<>();
        List<LabelledText> selected = new ArrayList<>();
        for (LabelledText text : data) {
            if (!excluded.contains(text.text()) && part.test(text) && (!distinct || seen.add(text.text()))) {
                selected.add(text);
            }
        }
        return selected;
    }

    /** {@code K/N}: the texts whose hash falls in part K of N (or, with {@code in} false, all others). */
    static Predicate<LabelledText> part(String spec, boolean in) {
        if (spec == null) {
            return t -> true;
        }
        String[] kn = spec.split("/");
        int k = Integer.parseInt(kn[0]);
        int n = Integer.parseInt(kn[1]);
        return t -> (Math.floorMod(t.text().hashCode() * 31 + 7, n) == k) == in;
    }

    private static Set<String> texts(List<LabelledText> data) {
        Set<String> texts = new HashSet<>();
        data.forEach(t -> texts.add(t.text()));
        return texts;
    }

    private static SentimentModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return SentimentModel.read(in);
        }
    }

    private static String required(List<String> args, String name) {
        String value = option(args, name, null);
        if (value == null) {
            usage(name + " is required");
        }
        return value;
    }

    /** Takes {@code name VALUE} out of {@code args}. */
    private static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= args.size()) {
            usage(name + " needs a value");
        }
        String value = args.remove(at + 1);
        args.remove(at);
        return value;
    }

    private static boolean flag(List<String> args, String name) {
        return args.remove(name);
    }

    private static void usage(String problem) {
        System.err.println((problem.isEmpty() ? "" : problem + "\n") + """
                usage: train    --out MODEL [--bits 22] [--ngrams 3] [--epochs 12] [--rate 0.2] [--l2 1e-6] [--no-negation] FILE...
                       evaluate --model MODEL [--distinct] [--exclude FILE]... [--part K/N | --not-part K/N] FILE
                       report   --model MODEL --data-dir DIR""");
        System.exit(2);
    }
}
