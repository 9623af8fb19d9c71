package dev.churnsentinel.textsignal.lexicon;

import dev.churnsentinel.textsignal.clause.ClauseModel;
import dev.churnsentinel.textsignal.clause.RiskDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyzer on the labelled clauses ({@code labelled/clauses*.tsv}): is a clause flagged as a risk of its category
 * exactly when a person would alert a retention manager? For the lexicon alone and for the lexicon with the clause
 * classifier, prints precision and recall per category, the share judged right per hard kind, what became of each
 * kind of non-risk, and the classifier's dismissals against the labels; the floors (a little below the figures
 * measured when the model was trained) guard against a loss. The classifier learnt from clauses.tsv, so its figures
 * there are optimistic; the holdout's are the ones to expect.
 */
class ClauseEvaluationTest {
    static TextAnalyzer analyzer;
    static TextAnalyzer withClassifier;
    static TextAnalyzer withDetector;

    /** One labelled clause: its category, RISK or why it is not one, the hard kind it exercises, its text. */
    record Clause(String category, String label, String kind, String text) {
        boolean risk() {
            return label.equals("RISK");
        }
    }

    @BeforeAll
    static void load() throws IOException {
        withDetector = TextAnalyzer.builtIn();
        withClassifier = withDetector.with((RiskDetector) null);
        analyzer = withClassifier.with((ClauseModel) null);
    }

    static List<Clause> read(String resource) throws IOException {
        List<Clause> clauses = new ArrayList<>();
        for (String[] f : LabelledRows.of(resource)) {
            assertEquals(4, f.length, String.join("\t", f));
            assertTrue(Lexicon.CATEGORIES.contains(f[0]), String.join("\t", f));
            clauses.add(new Clause(f[0], f[1], f[2], f[3]));
        }
        return clauses;
    }

    /** Counts of one evaluation: per category, per kind, and the fate of each non-risk label. */
    static final class Tally {
        final Map<String, int[]> perCategory = new TreeMap<>(); // true positive, false positive, false negative
        final Map<String, int[]> perKind = new TreeMap<>();     // right, all
        final Map<String, int[]> dismissals = new TreeMap<>();  // not flagged, all
        int right;
        int all;

        void count(Clause clause, boolean flagged) {
            int[] c = perCategory.computeIfAbsent(clause.category(), k -> new int[3]);
            if (flagged && clause.risk()) {
                c[0]++;
            } else if (flagged) {
                c[1]++;
            } else if (clause.risk()) {
                c[2]++;
            }
            boolean correct = flagged == clause.risk();
            int[] k = perKind.computeIfAbsent(clause.kind(), x -> new int[2]);
            k[0] += correct ? 1 : 0;
            k[1]++;
            if (!clause.risk()) {
                int[] d = dismissals.computeIfAbsent(clause.label(), x -> new int[2]);
                d[0] += flagged ? 0 : 1;
                d[1]++;
            }
            right += correct ? 1 : 0;
            all++;
        }

        double precision() {
            int tp = perCategory.values().stream().mapToInt(c -> c[0]).sum();
            int fp = perCategory.values().stream().mapToInt(c -> c[1]).sum();
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            int tp = perCategory.values().stream().mapToInt(c -> c[0]).sum();
            int fn = perCategory.values().stream().mapToInt(c -> c[2]).sum();
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        String table(String name) {
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n%s: %d clauses, %.1f%% judged right%n"
                    + "%-16s %5s %5s %5s %9s %7s%n", name, all, 100.0 * right / all, "", "TP", "FP", "FN", "precision", "recall"));
            perCategory.forEach((category, c) -> t.append(String.format(Locale.ROOT, "%-16s %5d %5d %5d %9.3f %7.3f%n",
                    category, c[0], c[1], c[2], c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]),
                    c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]))));
            t.append(String.format(Locale.ROOT, "%-16s %17s %9.3f %7.3f%n", "all", "", precision(), recall()));
            t.append("judged right per kind:");
            perKind.forEach((kind, k) -> t.append(String.format(Locale.ROOT, " %s %d/%d", kind, k[0], k[1])));
            t.append("\nnot flagged, per reason it is no risk:");
            dismissals.forEach((label, d) -> t.append(String.format(Locale.ROOT, " %s %d/%d", label, d[0], d[1])));
            return t.append('\n').toString();
        }
    }

    /** The lexicon alone: a clause is flagged when a risk phrase of its category is found and not negated. */
    static Tally lexiconAlone(List<Clause> clauses) {
        return tally(analyzer, clauses, null);
    }

    /**
     * A clause is flagged when a risk phrase of its category counts (neither negated nor dismissed). {@code confusion},
     * if given, gets for each clause with a phrase of its category that is not negated: its label against what the
     * analyzer made of it (RISK when one counts, else the first phrase's dismissal).
     */
    static Tally tally(TextAnalyzer analyzer, List<Clause> clauses, Map<String, Map<String, Integer>> confusion) {
        Tally tally = new Tally();
        for (Clause clause : clauses) {
            List<Analysis.RiskKeyword> own = analyzer.analyze("c", clause.text()).riskKeywords().stream()
                    .filter(k -> !k.negated() && k.category().equals(clause.category())).toList();
            boolean flagged = own.stream().anyMatch(Analysis.RiskKeyword::counts);
            tally.count(clause, flagged);
            if (confusion != null && !own.isEmpty()) {
                confusion.computeIfAbsent(clause.label(), l -> new TreeMap<>())
                        .merge(flagged ? "RISK" : own.get(0).dismissed(), 1, Integer::sum);
            }
        }
        return tally;
    }

    static final List<String> LABELS = List.of("RISK", "NEGATED", "SETTLED", "PRAISE", "HYPOTHETICAL_OTHER", "INFO_QUESTION");

    static String confusionTable(String name, Map<String, Map<String, Integer>> confusion) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n%s: clauses with a phrase of their category "
                + "that is not negated, label (rows) against what the classifier made of it (columns)%n%-19s", name, ""));
        LABELS.forEach(l -> t.append(String.format(Locale.ROOT, " %8.8s", l)));
        t.append('\n');
        for (String label : LABELS) {
            t.append(String.format(Locale.ROOT, "%-19s", label));
            for (String judged : LABELS) {
                t.append(String.format(Locale.ROOT, " %8d", confusion.getOrDefault(label, Map.of()).getOrDefault(judged, 0)));
            }
            t.append('\n');
        }
        return t.toString();
    }

    /** The two tallies side by side per category: precision and recall before and after. */
    static String beforeAfter(String name, Tally before, Tally after) {
        return beforeAfter(name, "lexicon alone -> lexicon + clause classifier", before, after);
    }

    static String beforeAfter(String name, String change, Tally before, Tally after) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n%s: %s%n"
                + "%-16s %9s %7s   %9s %7s%n", name, change, "", "precision", "recall", "precision", "recall"));
        before.perCategory.forEach((category, b) -> {
            int[] a = after.perCategory.get(category);
            t.append(String.format(Locale.ROOT, "%-16s %9.3f %7.3f   %9.3f %7.3f%n", category, precision(b), recall(b),
                    precision(a), recall(a)));
        });
        t.append(String.format(Locale.ROOT, "%-16s %9.3f %7.3f   %9.3f %7.3f%n", "all", before.precision(), before.recall(),
                after.precision(), after.recall()));
        t.append(String.format(Locale.ROOT, "judged right: %.1f%% -> %.1f%%%n", 100.0 * before.right / before.all,
                100.0 * after.right / after.all));
        return t.toString();
    }

    private static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1 : (double) c[0] / (c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1 : (double) c[0] / (c[0] + c[2]);
    }

    @Test
    void theLexiconAloneOnTheTrainingClauses() throws IOException {
        Tally tally = lexiconAlone(read("/labelled/clauses.tsv"));
        System.out.println(tally.table("clauses, lexicon alone"));
        assertTrue(tally.precision() >= 0.72 && tally.recall() >= 0.56, tally.table("clauses, lexicon alone"));
    }

    @Test
    void theLexiconAloneOnTheHeldOutClauses() throws IOException {
        Tally tally = lexiconAlone(read("/labelled/clauses-holdout.tsv"));
        System.out.println(tally.table("held-out clauses, lexicon alone"));
        assertTrue(tally.precision() >= 0.61 && tally.recall() >= 0.28, tally.table("held-out clauses, lexicon alone"));
    }

    @Test
    void theClassifierOnTheTrainingClauses() throws IOException {
        List<Clause> clauses = read("/labelled/clauses.tsv");
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        Tally after = tally(withClassifier, clauses, confusion);
        String report = beforeAfter("clauses (the classifier's training set)", lexiconAlone(clauses), after)
                + after.table("clauses, lexicon + clause classifier") + confusionTable("clauses", confusion);
        System.out.println(report);
        assertTrue(after.precision() >= TRAIN_PRECISION && after.recall() >= TRAIN_RECALL, report);
    }

    @Test
    void theClassifierOnTheHeldOutClauses() throws IOException {
        List<Clause> clauses = read("/labelled/clauses-holdout.tsv");
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        Tally after = tally(withClassifier, clauses, confusion);
        String report = beforeAfter("held-out clauses", lexiconAlone(clauses), after)
                + after.table("held-out clauses, lexicon + clause classifier") + confusionTable("held-out clauses", confusion);
        System.out.println(report);
        assertTrue(after.precision() >= HOLDOUT_PRECISION && after.recall() >= HOLDOUT_RECALL, report);
    }

    static final String DETECTOR = "lexicon + clause classifier -> ... + risk detector";

    @Test
    void theDetectorOnTheTrainingClauses() throws IOException {
        List<Clause> clauses = read("/labelled/clauses.tsv");
        Tally after = tally(withDetector, clauses, null);
        String report = beforeAfter("clauses (the detector's training set)", DETECTOR, tally(withClassifier, clauses, null),
                after) + after.table("clauses, lexicon + clause classifier + risk detector");
        System.out.println(report);
        assertTrue(after.precision() >= DETECTOR_TRAIN_PRECISION && after.recall() >= DETECTOR_TRAIN_RECALL, report);
    }

    @Test
    void theDetectorOnTheHeldOutClauses() throws IOException {
        List<Clause> clauses = read("/labelled/clauses-holdout.tsv");
        Tally after = tally(withDetector, clauses, null);
        String report = beforeAfter("held-out clauses", DETECTOR, tally(withClassifier, clauses, null), after)
                + after.table("held-out clauses, lexicon + clause classifier + risk detector");
        System.out.println(report);
        assertTrue(after.precision() >= DETECTOR_HOLDOUT_PRECISION && after.recall() >= DETECTOR_HOLDOUT_RECALL, report);
    }

    // floors: a little below what the shipped models measured. Lexicon alone: train P .756 R .594 (about 360 training
    // rows were written in words the lexicon does not list, for the detector), holdout .640/.301; with the clause
    // classifier: train .909/.594, holdout .696/.301; with the risk detector too: train .941/.968, holdout .778/.497
    static final double TRAIN_PRECISION = 0.88;
    static final double TRAIN_RECALL = 0.56;
    static final double HOLDOUT_PRECISION = 0.67;
    static final double HOLDOUT_RECALL = 0.28;
    static final double DETECTOR_TRAIN_PRECISION = 0.92;
    static final double DETECTOR_TRAIN_RECALL = 0.94;
    static final double DETECTOR_HOLDOUT_PRECISION = 0.75;
    static final double DETECTOR_HOLDOUT_RECALL = 0.47;
}
