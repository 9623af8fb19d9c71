package dev.churnsentinel.textsignal.lexicon;

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
 * exactly when a person would alert a retention manager? Prints precision and recall per category, the share judged
 * right per hard kind, and what became of each kind of non-risk; the floors guard against a loss.
 */
class ClauseEvaluationTest {
    static TextAnalyzer analyzer;

    /** One labelled clause: its category, RISK or why it is not one, the hard kind it exercises, its text. */
    record Clause(String category, String label, String kind, String text) {
        boolean risk() {
            return label.equals("RISK");
        }
    }

    @BeforeAll
    static void load() throws IOException {
        analyzer = TextAnalyzer.builtIn();
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
        Tally tally = new Tally();
        for (Clause clause : clauses) {
            boolean flagged = analyzer.analyze("c", clause.text()).riskKeywords().stream()
                    .anyMatch(k -> !k.negated() && k.category().equals(clause.category()));
            tally.count(clause, flagged);
        }
        return tally;
    }

    @Test
    void theLexiconAloneOnTheTrainingClauses() throws IOException {
        Tally tally = lexiconAlone(read("/labelled/clauses.tsv"));
        System.out.println(tally.table("clauses, lexicon alone"));
        assertTrue(tally.precision() >= 0.68 && tally.recall() >= 0.50, tally.table("clauses, lexicon alone"));
    }

    @Test
    void theLexiconAloneOnTheHeldOutClauses() throws IOException {
        Tally tally = lexiconAlone(read("/labelled/clauses-holdout.tsv"));
        System.out.println(tally.table("held-out clauses, lexicon alone"));
        assertTrue(tally.precision() >= 0.58 && tally.recall() >= 0.22, tally.table("held-out clauses, lexicon alone"));
    }
}
