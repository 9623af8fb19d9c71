package dev.churnsentinel.textsignal.clause;

import dev.churnsentinel.textsignal.lexicon.TsvLines;
import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import dev.churnsentinel.textsignal.lexicon.Lexicon;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the clause classifier reads about one risk phrase found in a text: which cue words (clause/cues.tsv: conditionals,
 * questions, subjects, settled and comparative markers, praise, contrast, negators ...) stand in its clause and in
 * the rest of its sentence, where the contrast and the negators stand relative to it, the model's and the lexicon's
 * sentiment of its clause and sentence. Every such feature counts once on its own and once crossed with the phrase's
 * category (比 means something else next to a PRICE phrase than next to a COMPETITOR one).
 *
 * <p>Features are numbered, not named, on the request path: {@code base * STRIDE} is the feature on its own,
 * {@code base * STRIDE + 1 + category} crossed; {@link #name} gives the name the model file uses. Immutable,
 * thread-safe; the same code serves training and analysis.
 */
public final class ClauseFeatures {
    /** One slot for the feature on its own, one per category. */
    static final int STRIDE = 1 + Lexicon.CATEGORIES.size();
    /** Negators this close before a phrase (but beyond the lexicon's three characters) may still be its negation. */
    private static final int NEAR = 6;

    /** Where a cue stands: in the phrase's clause, or elsewhere in its sentence. */
    private static final String[] PLACES = {"clause", "sentence"};
    /** Features that are not a cue group's presence. */
    private static final List<String> EXTRAS = List.of("always", "question", "sentence-question", "contrast-after",
            "contrast-before", "neg-near", "neg-after", "then-before", "first-clause", "ascii", "other-subject-first", "other-risk",
            "good-after", "bad-after", "bi+good-after", "bi+bad-after",
            "model-clause", "model-sentence", "model-positive", "model-negative", "lexicon-clause", "lexicon-sentence");

    private final List<String> groups;
    private final AhoCorasickDoubleArrayTrie<int[]> trie;
    private final List<String> baseNames;
    private final Map<String, Integer> indexOfName = new HashMap<>();
    private final int extrasAt;
    private final int cond, unless, again, then, concessive, contrast, neg, we, you, other, good, praise, bad;

    private ClauseFeatures(List<String> groups, TreeMap<String, int[]> words) {
        this.groups = List.copyOf(groups);
        this.trie = new AhoCorasickDoubleArrayTrie<>();
        this.trie.build(words);
        List<String> names = new ArrayList<>();
        for (String group : groups) {
            for (String place : PLACES) {
                names.add(group + "@" + place);
            }
        }
        extrasAt = names.size();
        names.addAll(EXTRAS);
        this.baseNames = List.copyOf(names);
        for (int b = 0; b < baseNames.size(); b++) {
            indexOfName.put(baseNames.get(b), b * STRIDE);
            for (int c = 0; c < Lexicon.CATEGORIES.size(); c++) {
                indexOfName.put(baseNames.get(b) + "|" + Lexicon.CATEGORIES.get(c), b * STRIDE + 1 + c);
            }
        }
        cond = group("COND");
        unless = group("UNLESS");
        again = group("AGAIN");
        then = group("THEN");
        concessive = group("CONCESSIVE");
        contrast = group("CONTRAST");
        neg = group("NEG");
        we = group("WE");
        you = group("YOU");
        other = group("OTHER");
        good = group("GOODVALUE");
        praise = group("PRAISE");
        bad = group("BAD");
    }

    private int group(String name) {
        int at = groups.indexOf(name);
        if (at < 0) {
            throw new IllegalStateException("cue group " + name + " is missing from clause/cues.tsv");
        }
        return at;
    }

    /** The built-in cue words, {@code clause/cues.tsv}. */
    public static ClauseFeatures builtIn() throws IOException {
        try (InputStream in = ClauseFeatures.class.getClassLoader().getResourceAsStream("clause/cues.tsv")) {
            if (in == null) {
                throw new IOException("clause/cues.tsv is not on the class path");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** Cue words as GROUP&lt;TAB&gt;WORD lines; # comments and blank lines skipped. */
    public static ClauseFeatures read(Reader source) throws IOException {
        List<String> groups = new ArrayList<>();
        Map<String, List<Integer>> words = new LinkedHashMap<>();
        try (TsvLines lines = new TsvLines(source)) {
            String[] f;
            while ((f = lines.next()) != null) {
                int number = lines.number();
                if (f.length != 2 || f[0].isBlank() || f[1].isBlank()) {
                    throw new IOException("cues line " + number + ": expected GROUP<TAB>WORD");
                }
                if (!groups.contains(f[0])) {
                    groups.add(f[0]);
                }
                int group = groups.indexOf(f[0]);
                List<Integer> of = words.computeIfAbsent(Lexicon.normalize(f[1]), w -> new ArrayList<>());
                if (!of.contains(group)) {
                    of.add(group);
                }
            }
        }
        TreeMap<String, int[]> trie = new TreeMap<>();
        words.forEach((word, of) -> trie.put(word, of.stream().mapToInt(Integer::intValue).toArray()));
        return new ClauseFeatures(groups, trie);
    }

    /** How many feature slots the cue features take (hashed n-grams come after them). */
    public int cueDimension() {
        return baseNames.size() * STRIDE;
    }

    /** The name of feature {@code index} below {@link #cueDimension()}, as the model file writes it. */
    public String name(int index) {
        int base = index / STRIDE;
        int crossed = index % STRIDE;
        return baseNames.get(base) + (crossed == 0 ? "" : "|" + Lexicon.CATEGORIES.get(crossed - 1));
    }

    /** The index of a named feature, or -1 if there is none such (a model trained with other cue words). */
    public int index(String name) {
        Integer index = indexOfName.get(name);
        return index == null ? -1 : index;
    }

    /**
     * A risk phrase to judge: the normalised text, the phrase at [begin, end), its category (index into
     * {@link Lexicon#CATEGORIES}), whether its clause is a question, the lexicon's sentiment of its clause and of its
     * sentence without risk phrases (sentiment words only, negation applied), and whether its sentence holds a risk
     * phrase of another category that is not negated (比别的店贵了: a rival named next to a price complaint).
     */
    public record Phrase(String normalized, int begin, int end, int category, boolean question,
                         double lexiconClause, double lexiconSentence, boolean otherRisk) {
    }

    /** Sparse features: indices (cue features first, unsorted, distinct) and their values. */
    public record Vector(int[] indices, float[] values, int size) {
    }

    /** Reads what the classifier needs to see to judge a phrase; {@code sentiment} scores text (calibrated log-odds). */
    public Vector extract(Phrase p, java.util.function.ToDoubleFunction<String> sentiment, int hashedBits) {
        String text = p.normalized();
        int clauseBegin = p.begin();
        while (clauseBegin > 0 && !isClauseEnd(text.charAt(clauseBegin - 1))) {
            clauseBegin--;
        }
        int clauseEnd = p.end();
        while (clauseEnd < text.length() && !isClauseEnd(text.charAt(clauseEnd))) {
            clauseEnd++;
        }
        int[] sentence = sentence(text, p.begin(), p.end());
        int sentenceBegin = sentence[0];
        int sentenceEnd = sentence[1];
        boolean sentenceQuestion = sentenceEnd < text.length() && text.charAt(sentenceEnd) == '?';

        int groupCount = groups.size();
        boolean[] present = new boolean[groupCount * 2];
        boolean[] extras = new boolean[EXTRAS.size()];
        int cueFrom = sentenceBegin;
        int cueTo = sentenceEnd;
        final int cb = clauseBegin;
        final int ce = clauseEnd;
        int[] firstOtherSubject = {Integer.MAX_VALUE};
        int[] firstOwnSubject = {Integer.MAX_VALUE};
        trie.parseText(text.substring(cueFrom, cueTo), (b, e, found) -> {
            int begin = b + cueFrom;
            int end = e + cueFrom;
            if (begin < p.end() && p.begin() < end || !onWordBoundary(text, begin, end)) {
                return; // inside the phrase itself, or part of a longer English word
            }
            boolean inClause = begin >= cb && end <= ce;
            for (int g : found) {
                present[g * 2 + (inClause ? 0 : 1)] = true;
                if (g == contrast) {
                    extras[EXTRAS.indexOf(end <= p.begin() ? "contrast-before" : "contrast-after")] = true;
                } else if (g == neg && inClause) {
                    if (end <= p.begin() && p.begin() - end <= NEAR) {
                        extras[EXTRAS.indexOf("neg-near")] = true;
                    } else if (begin >= p.end()) {
                        extras[EXTRAS.indexOf("neg-after")] = true;
                    }
                } else if (g == then && inClause && end <= p.begin() && p.begin() - end <= 3) {
                    extras[EXTRAS.indexOf("then-before")] = true;
                } else if ((g == good || g == praise || g == bad) && inClause && begin >= p.end()) {
                    // what is said of the phrase's subject after it: 隔壁店服务更好 (a rival praised) against
                    // 比隔壁店便宜 (we are praised against a rival), told apart by the 比 before it
                    boolean bi = p.begin() > 0 && text.charAt(p.begin() - 1) == '比'
                            || p.begin() > 1 && text.charAt(p.begin() - 2) == '比';
                    String where = g == bad ? "bad-after" : "good-after";
                    extras[EXTRAS.indexOf(bi ? "bi+" + where : where)] = true;
                } else if (g == other) {
                    firstOtherSubject[0] = Math.min(firstOtherSubject[0], begin);
                } else if (g == we || g == you) {
                    firstOwnSubject[0] = Math.min(firstOwnSubject[0], begin);
                }
            }
        });
        extras[EXTRAS.indexOf("always")] = true;
        extras[EXTRAS.indexOf("question")] = p.question();
        extras[EXTRAS.indexOf("sentence-question")] = sentenceQuestion;
        extras[EXTRAS.indexOf("first-clause")] = clauseBegin == sentenceBegin;
        extras[EXTRAS.indexOf("ascii")] = text.charAt(p.begin()) < 128;
        extras[EXTRAS.indexOf("other-risk")] = p.otherRisk();
        extras[EXTRAS.indexOf("other-subject-first")] = firstOtherSubject[0] < firstOwnSubject[0]
                && firstOtherSubject[0] < p.begin();

        double modelClause = sentiment.applyAsDouble(text.substring(clauseBegin, clauseEnd));
        double modelSentence = clauseBegin == sentenceBegin && clauseEnd == sentenceEnd ? modelClause
                : sentiment.applyAsDouble(text.substring(sentenceBegin, sentenceEnd));

        int cueSlots = 0;
        for (boolean on : present) {
            cueSlots += on ? 1 : 0;
        }
        for (boolean on : extras) {
            cueSlots += on ? 1 : 0;
        }
        int hashed = hashedBits > 0 ? Math.max(0, sentenceEnd - sentenceBegin - 1) : 0;
        int[] indices = new int[(cueSlots + EXTRAS.size()) * 2 + hashed + 1];
        float[] values = new float[indices.length];
        int n = 0;
        int crossed = 1 + p.category();
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                indices[n] = i * STRIDE;
                values[n++] = 1;
                indices[n] = i * STRIDE + crossed;
                values[n++] = 1;
            }
        }
        for (int x = 0; x < extras.length; x++) {
            float value = switch (EXTRAS.get(x)) {
                case "model-clause" -> clip(modelClause / 4);
                case "model-sentence" -> clip(modelSentence / 4);
                case "model-positive" -> modelSentence > 1 ? 1 : 0;
                case "model-negative" -> modelSentence < -1 ? 1 : 0;
                case "lexicon-clause" -> clip(p.lexiconClause() / 2);
                case "lexicon-sentence" -> clip(p.lexiconSentence() / 2);
                default -> extras[x] ? 1 : 0;
            };
            if (value != 0) {
                int base = (extrasAt + x) * STRIDE;
                indices[n] = base;
                values[n++] = value;
                indices[n] = base + crossed;
                values[n++] = value;
            }
        }
        if (hashedBits > 0) {
            // character bigrams of the sentence outside the phrase, hashed: what the cue list does not name
            int mask = (1 << hashedBits) - 1;
            int start = n;
            for (int i = sentenceBegin; i + 1 < sentenceEnd; i++) {
                if (i + 1 < p.begin() || i >= p.end()) {
                    int h = (text.charAt(i) * 31 + text.charAt(i + 1)) * 0x9E3779B1;
                    int index = cueDimension() + ((h ^ (h >>> 15)) & mask);
                    boolean seen = false;
                    for (int j = start; j < n; j++) {
                        if (indices[j] == index) {
                            seen = true;
                            break;
                        }
                    }
                    if (!seen) {
                        indices[n] = index;
                        values[n++] = 1;
                    }
                }
            }
            float scale = (float) (1 / Math.sqrt(Math.max(1, n - start)));
            for (int j = start; j < n; j++) {
                values[j] = scale;
            }
        }
        return new Vector(indices, values, n);
    }

    private static float clip(double value) {
        return (float) Math.max(-2, Math.min(2, value));
    }

    static boolean isClauseEnd(char c) {
        return switch (c) {
            case ',', '.', '。', '!', '?', ';', ':', '、', '\n', '\r', '…', '~' -> true;
            default -> false;
        };
    }

    /** The sentence holding [begin, end) of {@code text}: its begin and end (the mark that ends it excluded). */
    public static int[] sentence(String text, int begin, int end) {
        int sentenceBegin = begin;
        while (sentenceBegin > 0 && !isSentenceEnd(text, sentenceBegin - 1)) {
            sentenceBegin--;
        }
        int sentenceEnd = Math.max(begin, end);
        while (sentenceEnd < text.length() && !isSentenceEnd(text, sentenceEnd)) {
            sentenceEnd++;
        }
        return new int[] {sentenceBegin, sentenceEnd};
    }

    /** A sentence ends at 。！？；, a line break, or a full stop that is not inside a number or a word (3.5, e.g). */
    static boolean isSentenceEnd(String text, int at) {
        char c = text.charAt(at);
        return switch (c) {
            case '。', '!', '?', ';', '\n', '\r' -> true;
            case '.' -> at + 1 >= text.length() || text.charAt(at + 1) == ' ';
            default -> false;
        };
    }

    private static boolean onWordBoundary(String text, int begin, int end) {
        boolean asciiStart = isAsciiLetter(text.charAt(begin));
        boolean asciiEnd = isAsciiLetter(text.charAt(end - 1));
        return !(asciiStart && begin > 0 && isAsciiLetter(text.charAt(begin - 1)))
                && !(asciiEnd && end < text.length() && isAsciiLetter(text.charAt(end)));
    }

    private static boolean isAsciiLetter(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '\'');
    }

    List<String> groups() {
        return groups;
    }

    @Override
    public String toString() {
        return "ClauseFeatures" + Arrays.asList(groups.toArray());
    }
}
