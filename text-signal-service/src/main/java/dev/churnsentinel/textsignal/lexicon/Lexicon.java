package dev.churnsentinel.textsignal.lexicon;

import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import com.hankcs.hanlp.dictionary.other.CharTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The words the analyzer listens for, in one HanLP Aho-Corasick double-array trie: one pass over a text
 * finds every risk phrase, negator, sentiment, emotion, aspect and degree word. Immutable once built, so
 * it is shared by all threads; tenant additions build a new one off the request path.
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

    private final String version;
    private final TreeMap<String, List<Entry>> terms;
    private final AhoCorasickDoubleArrayTrie<List<Entry>> trie;
    private final int size;

    private Lexicon(String version, TreeMap<String, List<Entry>> terms) {
        this.version = version;
        this.terms = terms;
        this.trie = new AhoCorasickDoubleArrayTrie<>();
        this.trie.build(terms);
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
        try (BufferedReader reader = new BufferedReader(source)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
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
                String term = normalize(fields[1].trim());
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

    /** Width, case and traditional characters folded one character for one, so offsets stay the caller's. */
    public static String normalize(String text) {
        return CharTable.convert(text).toLowerCase(Locale.ROOT);
    }

    /** A term found at [begin, end) of the normalised text. */
    public record Hit(int begin, int end, Entry entry) {
        int length() {
            return end - begin;
        }

        boolean contains(Hit other) {
            return begin <= other.begin && other.end <= end && length() > other.length();
        }
    }

    /** Every hit of every term in {@code normalized}, in no particular order; ASCII terms only on word bounds. */
    public List<Hit> scan(String normalized) {
        List<Hit> hits = new ArrayList<>();
        trie.parseText(normalized, (begin, end, entries) -> {
            if (onWordBoundary(normalized, begin, end)) {
                for (Entry entry : entries) {
                    hits.add(new Hit(begin, end, entry));
                }
            }
        });
        return hits;
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
