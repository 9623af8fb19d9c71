package dev.churnsentinel.textsignal.lexicon;

import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import com.hankcs.hanlp.dictionary.other.CharTable;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words the analyzer listens for, in one HanLP Aho-Corasick double-array trie: one pass over a text
 * finds every risk phrase, negator, sentiment, emotion, aspect and degree word. Immutable once built, so
 * it is shared by all threads; tenant additions build a new one off the request path.
 *
 * <p>A term may have a bounded gap, {@code HEAD{min,max}TAIL} (把{0,8}取消掉): it is found where its tail begins
 * {@code min} to {@code max} characters after its head ends, within one clause. Both parts are matched in the same
 * trie pass; pairing them is a second pass over the parts found, not over the text.
 */
public final class Lexicon {

    /** What a term is to the analyzer. */
    public enum Kind { RISK, SENT, EMO, ASPECT, NEG, NOTNEG, NOTRISK, CONTRAST, DEGREE }

    /** One meaning of a term; {@code value} is the category, weight, emotion, aspect or factor. */
    public record Entry(Kind kind, String term, String value) {
        public double number() {
            return Double.parseDouble(value);
        }
    }

    /** The risk categories and emotions of the contract; a lexicon may not invent others. */
    public static final List<String> CATEGORIES = List.of("CANCELLATION", "PRICE", "COMPETITOR", "REFUND",
            "END_COOPERATION", "POOR_SERVICE", "ESCALATION");
    public static final List<String> EMOTIONS = List.of("ANGER", "DISAPPOINTMENT", "HELPLESSNESS", "ANXIETY",
            "SATISFACTION");

    /** How a term with a gap is written: its head, {@code {min,max}} and its tail. */
    private static final Pattern GAP = Pattern.compile("^([^{}]+)\\{(\\d+),(\\d+)\\}([^{}]+)$");

    /** A term with a gap between its head and its tail, and what it means. */
    private record Gapped(String head, int min, int max, String tail, List<Entry> entries) {
    }

    /** What the trie finds at a place: the entries of the term there, the gapped terms it heads, whether it ends one. */
    private record Found(List<Entry> entries, List<Gapped> heads, boolean tail) {
        Found and(Found other) {
            List<Gapped> both = new ArrayList<>(heads);
            both.addAll(other.heads);
            return new Found(entries.isEmpty() ? other.entries : entries, List.copyOf(both), tail || other.tail);
        }
    }

    /** A head of gapped terms found at [begin, end). */
    private record Head(int begin, int end, List<Gapped> patterns) {
    }

    private final String version;
    private final TreeMap<String, List<Entry>> terms;
    private final AhoCorasickDoubleArrayTrie<Found> trie;
    private final boolean gapped;
    private final int size;

    private Lexicon(String version, TreeMap<String, List<Entry>> terms) {
        this.version = version;
        this.terms = terms;
        TreeMap<String, Found> found = new TreeMap<>();
        terms.forEach((term, entries) -> {
            Matcher gap = GAP.matcher(term);
            if (gap.matches()) {
                Gapped pattern = new Gapped(gap.group(1), Integer.parseInt(gap.group(2)), Integer.parseInt(gap.group(3)),
                        gap.group(4), entries);
                found.merge(pattern.head(), new Found(List.of(), List.of(pattern), false), Found::and);
                found.merge(pattern.tail(), new Found(List.of(), List.of(), true), Found::and);
            } else {
                found.merge(term, new Found(entries, List.of(), false), Found::and);
            }
        });
        this.trie = new AhoCorasickDoubleArrayTrie<>();
        this.trie.build(found);
        this.gapped = found.values().stream().anyMatch(Found::tail);
        this.size = terms.values().stream().mapToInt(List::size).sum();
    }

    /**
     * This lexicon with {@code additions}' entries as well (a tenant's own phrases), in a trie of its own: neither
     * lexicon changes, and HanLP's global dictionaries are not touched. Version {@code this+name:additions}.
     */
    public Lexicon plus(String name, Lexicon additions) {
        TreeMap<String, List<Entry>> merged = new TreeMap<>(terms);
        additions.terms.forEach((term, entries) -> merged.merge(term, entries, (mine, theirs) -> {
            List<Entry> both = new ArrayList<>(mine);
            theirs.stream().filter(entry -> !both.contains(entry)).forEach(both::add);
            return List.copyOf(both);
        }));
        return new Lexicon(version + "+" + name + ":" + additions.version, merged);
    }

    /** Reads a lexicon in the TSV format of {@code lexicon/base.tsv}; errors name the line. */
    public static Lexicon read(Reader source) throws IOException {
        TreeMap<String, List<Entry>> terms = new TreeMap<>();
        String version = "unversioned";
        try (TsvLines lines = new TsvLines(source)) {
            String[] fields;
            while ((fields = lines.next()) != null) {
                int number = lines.number();
                if (fields[0].equals("version") && fields.length == 2) {
                    version = fields[1].trim();
                    continue;
                }
                Kind kind;
                try {
                    kind = Kind.valueOf(fields[0].trim());
                } catch (IllegalArgumentException e) {
                    throw new IOException("lexicon line " + number + ": unknown kind '" + fields[0] + "'");
                }
                boolean needsValue = kind != Kind.NEG && kind != Kind.NOTNEG && kind != Kind.NOTRISK && kind != Kind.CONTRAST;
                if (fields.length < 2 || fields[1].isBlank() || (needsValue && fields.length < 3)) {
                    throw new IOException("lexicon line " + number + ": expected KIND<TAB>TERM" + (needsValue ? "<TAB>VALUE" : ""));
                }
                String term = term(fields[1].trim(), number);
                String value = needsValue ? fields[2].trim() : "";
                if ((kind == Kind.SENT || kind == Kind.DEGREE)) {
                    try {
                        Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("lexicon line " + number + ": '" + value + "' is not a number");
                    }
                }
                if (kind == Kind.RISK && !CATEGORIES.contains(value) || kind == Kind.EMO && !EMOTIONS.contains(value)) {
                    throw new IOException("lexicon line " + number + ": '" + value + "' is not one of "
                            + (kind == Kind.RISK ? CATEGORIES : EMOTIONS));
                }
                terms.computeIfAbsent(term, t -> new ArrayList<>()).add(new Entry(kind, term, value));
            }
        }
        terms.replaceAll((term, entries) -> List.copyOf(entries));
        return new Lexicon(version, terms);
    }

    /** A term as the trie holds it: normalised, and a gap's head and tail normalised apart (CharTable turns braces to 《》). */
    private static String term(String written, int line) throws IOException {
        Matcher gap = GAP.matcher(written);
        if (gap.matches() && Integer.parseInt(gap.group(2)) <= Integer.parseInt(gap.group(3))) {
            return normalize(gap.group(1)) + "{" + gap.group(2) + "," + gap.group(3) + "}" + normalize(gap.group(4));
        }
        if (written.indexOf('{') >= 0 || written.indexOf('}') >= 0) {
            throw new IOException("lexicon line " + line + ": a gap is written HEAD{MIN,MAX}TAIL, MIN <= MAX");
        }
        return normalize(written);
    }

    /** Width, case and traditional characters folded one character for one, so offsets stay the caller's. */
    public static String normalize(String text) {
        return CharTable.convert(text).toLowerCase(Locale.ROOT);
    }

    /**
     * A term found at [begin, end) of the normalised text; for a gapped term, [gapBegin, gapEnd) is its gap, which is
     * the text's own words rather than the term's (empty, at {@code end}, for any other term).
     */
    public record Hit(int begin, int end, Entry entry, int gapBegin, int gapEnd) {
        public Hit(int begin, int end, Entry entry) {
            this(begin, end, entry, end, end);
        }

        int length() {
            return end - begin;
        }

        boolean contains(Hit other) {
            return begin <= other.begin && other.end <= end && length() > other.length();
        }

        boolean gapHolds(Hit other) {
            return gapBegin <= other.begin && other.end <= gapEnd;
        }
    }

    /**
     * Every hit of every term in {@code normalized}, in no particular order; ASCII terms only on word bounds. A gapped
     * term's hit spans its head, the gap and the nearest tail that fits.
     */
    public List<Hit> scan(String normalized) {
        List<Hit> hits = new ArrayList<>();
        List<Head> heads = gapped ? new ArrayList<>() : null;
        List<int[]> tails = gapped ? new ArrayList<>() : null;
        trie.parseText(normalized, (begin, end, found) -> {
            if (onWordBoundary(normalized, begin, end)) {
                for (Entry entry : found.entries()) {
                    hits.add(new Hit(begin, end, entry));
                }
                if (!found.heads().isEmpty()) {
                    heads.add(new Head(begin, end, found.heads()));
                }
                if (found.tail()) {
                    tails.add(new int[] {begin, end});
                }
            }
        });
        if (heads != null && !heads.isEmpty() && !tails.isEmpty()) {
            for (Head head : heads) {
                for (Gapped pattern : head.patterns()) {
                    int[] tail = nearestTail(normalized, head.end(), pattern, tails);
                    if (tail != null) {
                        pattern.entries().forEach(entry -> hits.add(new Hit(head.begin(), tail[1], entry, head.end(), tail[0])));
                    }
                }
            }
        }
        return hits;
    }

    /** The first of the pattern's tails that begins within its gap after {@code from} and in the same clause. */
    private static int[] nearestTail(String normalized, int from, Gapped pattern, List<int[]> tails) {
        int[] nearest = null;
        for (int[] tail : tails) {
            int gap = tail[0] - from;
            if (gap >= pattern.min() && gap <= pattern.max() && (nearest == null || tail[0] < nearest[0])
                    && normalized.startsWith(pattern.tail(), tail[0]) && tail[1] - tail[0] == pattern.tail().length()) {
                nearest = tail;
            }
        }
        if (nearest != null) {
            for (int i = from; i < nearest[0]; i++) {
                if (TextAnalyzer.isClauseEnd(normalized.charAt(i))) {
                    return null;
                }
            }
        }
        return nearest;
    }

    private static boolean onWordBoundary(String text, int begin, int end) {
        boolean asciiStart = isAsciiLetterOrDigit(text.charAt(begin));
        boolean asciiEnd = isAsciiLetterOrDigit(text.charAt(end - 1));
        return !(asciiStart && begin > 0 && isAsciiLetterOrDigit(text.charAt(begin - 1)))
                && !(asciiEnd && end < text.length() && isAsciiLetterOrDigit(text.charAt(end)));
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    public String version() {
        return version;
    }

    public int size() {
        return size;
    }
}
