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
 *   train        --out MODEL [--bits 22] [--ngrams 3] [--epochs 12] [--rate 0.2] [--l2 1e-6] [--min-count 2] [--no-negation]
 *                (--corpora DIR | FILE...)
 *   evaluate     --model MODEL [--distinct] [--exclude FILE]... [--part K/N | --not-part K/N] FILE
 *   report       --model MODEL --data-dir DIR
 *   cross-domain --data-dir DIR [--model MODEL] [--threads 1] [--domains A,B] [training settings as for train]
 * </pre>
 * Files are labelled TSV/CSV as {@link LabelledText#read} describes; {@code --corpora DIR} and {@code --data-dir DIR}
 * name a folder of the public corpora (docs/corpora.md), read and split as {@link SentimentCorpora} describes.
 */
public final class SentimentCli {

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            usage("");
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        switch (args[0]) {
            case "train" -> train(rest);
            case "evaluate" -> evaluate(rest);
            case "report" -> report(rest);
            case "cross-domain" -> crossDomain(rest);
            default -> usage("unknown command " + args[0]);
        }
    }

    private static void train(List<String> args) throws IOException {
        SentimentTrainer.Options options = options(args);
        Path out = Path.of(required(args, "--out"));
        String corpora = option(args, "--corpora", null);
        List<LabelledText> data = new ArrayList<>();
        String source;
        if (corpora != null) {
            if (!args.isEmpty()) {
                usage("train: give either --corpora DIR or labelled files");
            }
            data.addAll(SentimentCorpora.read(Path.of(corpora)).training());
            source = SHIPPED_SOURCE;
        } else {
            if (args.isEmpty()) {
                usage("train: no labelled files given");
            }
            List<String> names = new ArrayList<>();
            for (String file : args) {
                data.addAll(LabelledText.read(Path.of(file)));
                names.add(Path.of(file).getFileName().toString());
            }
            source = String.join(", ", names);
        }
        long started = System.nanoTime();
        SentimentModel model = new SentimentTrainer(options).train(data,
                "trained on " + source + " (" + data.size() + " texts) with " + options);
        try (OutputStream target = Files.newOutputStream(out)) {
            model.write(target);
        }
        System.out.printf(Locale.ROOT, "trained on %d texts in %.1f s -> %s (%d bytes)%n", data.size(),
                (System.nanoTime() - started) / 1e9, out, Files.size(out));
    }

    /** What the shipped model's description says it was trained on (the recipe of {@link SentimentCorpora}). */
    static final String SHIPPED_SOURCE = "chnsenticorp_train+dev, ChnSentiCorp_htl_all, online_shopping_10_cats "
            + "less chnsenticorp_test and online_shopping part " + SentimentCorpora.HELD_OUT;

    /** The training settings of {@code args}, the defaults for those not given. */
    private static SentimentTrainer.Options options(List<String> args) {
        SentimentTrainer.Options d = SentimentTrainer.Options.defaults();
        return new SentimentTrainer.Options(
                Integer.parseInt(option(args, "--bits", String.valueOf(d.bits()))),
                Integer.parseInt(option(args, "--ngrams", String.valueOf(d.maxN()))),
                !flag(args, "--no-negation"),
                Integer.parseInt(option(args, "--epochs", String.valueOf(d.epochs()))),
                Double.parseDouble(option(args, "--rate", String.valueOf(d.learningRate()))),
                Double.parseDouble(option(args, "--l2", String.valueOf(d.l2()))),
                Integer.parseInt(option(args, "--min-count", String.valueOf(d.minCount()))),
                Long.parseLong(option(args, "--seed", String.valueOf(d.seed()))));
    }

    /**
     * The per-domain table of the model card: each online_shopping category (and ChnSentiCorp's three together) left
     * out of training and tested on, beside the model on its held-out part. Without --model the model in domain is
     * trained here on the pool with the given settings, as the shipped one was.
     */
    private static void crossDomain(List<String> args) throws IOException, InterruptedException {
        SentimentTrainer.Options options = options(args);
        String modelFile = option(args, "--model", null);
        SentimentCorpora corpora = SentimentCorpora.read(Path.of(required(args, "--data-dir")));
        int threads = Integer.parseInt(option(args, "--threads", "1"));
        String only = option(args, "--domains", null);
        if (!args.isEmpty()) {
            usage("cross-domain: unexpected " + args);
        }
        List<String> domains = new ArrayList<>();
        if (only != null) {
            domains.addAll(List.of(only.split(",")));
        } else {
            domains.addAll(corpora.domains());
            domains.add(CrossDomain.CHNSENTICORP);
        }
        long started = System.nanoTime();
        SentimentModel model = modelFile != null ? load(Path.of(modelFile))
                : new SentimentTrainer(options).train(corpora.training(), "trained on the pool");
        System.out.println("in domain: " + (modelFile != null ? model.description() : "trained here with " + options));
        System.out.println("left out: trained with " + options);
        List<CrossDomain.Row> rows = CrossDomain.run(corpora, model, options, domains, threads);
        System.out.print(CrossDomain.table(rows));
        System.out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - started) / 1e9);
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

    /**
     * The accuracy table of the model card: the benchmark's test split raw (its protocol) and without the texts the
     * training pool has (see {@link SentimentCorpora}), online_shopping's held-out part, and what retraining on nine
     * tenths of online_shopping alone gives on it.
     */
    private static void report(List<String> args) throws IOException {
        SentimentModel model = load(Path.of(required(args, "--model")));
        Path dir = Path.of(required(args, "--data-dir"));
        SentimentCorpora corpora = SentimentCorpora.read(dir);
        Set<String> pooled = SentimentCorpora.keys(corpora.training());
        Set<String> none = Set.of();
        List<LabelledText> test = corpora.test();
        List<LabelledText> unseen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LabelledText text : test) {
            String key = SentimentCorpora.key(text.text());
            if (!pooled.contains(key) && seen.add(key)) {
                unseen.add(text);
            }
        }
        List<LabelledText> heldOut = new ArrayList<>();
        corpora.domains().forEach(category -> heldOut.addAll(corpora.heldOut(category)));
        System.out.println("model: " + model.description());
        row("chnsenticorp_test (raw, the benchmark's protocol)", model, test);
        row("chnsenticorp_test (distinct, none in the pool)", model, unseen);
        row("online_shopping held-out " + SentimentCorpora.HELD_OUT + " (none in the pool)", model, heldOut);
        // What a customer retraining on their own feedback gets: the other nine tenths of online shopping alone.
        List<LabelledText> shopping = LabelledText.read(dir.resolve(SentimentCorpora.SHOPPING));
        Predicate<LabelledText> part = part(SentimentCorpora.HELD_OUT, true);
        SentimentModel retrained = new SentimentTrainer(SentimentTrainer.Options.defaults())
                .train(select(shopping, SentimentCorpora.keys(heldOut), false, part.negate(), true),
                        "retrained on online_shopping 9/10");
        row("retrained on online_shopping 9/10 alone: same", retrained, heldOut);
    }

    private static void row(String name, SentimentModel model, List<LabelledText> data) {
        System.out.printf(Locale.ROOT, "%-48s %s%n", name, SentimentEvaluation.of(model, data));
    }

    static List<LabelledText> select(List<LabelledText> data, Set<String> excluded, boolean distinct,
                                     Predicate<LabelledText> part) {
        return select(data, excluded, distinct, part, false);
    }

    /** With {@code byKey}, {@code excluded} holds {@link SentimentCorpora#key}s and texts are compared by theirs. */
    static List<LabelledText> select(List<LabelledText> data, Set<String> excluded, boolean distinct,
                                     Predicate<LabelledText> part, boolean byKey) {
        Set<String> seen = new LinkedHashSet<>();
        List<LabelledText> selected = new ArrayList<>();
        for (LabelledText text : data) {
            String name = byKey ? SentimentCorpora.key(text.text()) : text.text();
            if (!excluded.contains(name) && part.test(text) && (!distinct || seen.add(name))) {
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
                usage: train        --out MODEL [--bits 22] [--ngrams 3] [--epochs 12] [--rate 0.2] [--l2 1e-6] [--min-count 2] [--no-negation]
                                    (--corpora DIR | FILE...)
                       evaluate     --model MODEL [--distinct] [--exclude FILE]... [--part K/N | --not-part K/N] FILE
                       report       --model MODEL --data-dir DIR
                       cross-domain --data-dir DIR [--model MODEL] [--threads 1] [--domains A,B] [training settings]""");
        System.exit(2);
    }
}
