package dev.churnsentinel.textsignal.sentiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The public corpora the shipped model is trained and measured on (docs/corpora.md), under their published names in
 * one folder, and the splits its model card reports. The corpora overlap (ChnSentiCorp's hotel, notebook-PC and book
 * reviews were folded into online_shopping_10_cats; ChnSentiCorp_htl_all holds some of the test split), so texts are
 * compared by their {@link #key}, and a text left out of training is left out under every file it appears in.
 * <ul>
 *   <li>The <b>training pool</b>: chnsenticorp_train whole (the benchmark's protocol: every published figure on
 *   chnsenticorp_test trains on all of it, though 335 of the test split's rows are in it), then chnsenticorp_dev,
 *   ChnSentiCorp_htl_all and online_shopping_10_cats without any text of chnsenticorp_test and without
 *   online_shopping's held-out part ({@link #HELD_OUT} of its texts by {@link SentimentCli#part}, wherever they
 *   appear). The shipped model is trained on it, in that order. A category's in-domain test set ({@link #heldOut})
 *   is its held-out part less the texts chnsenticorp_train has too.</li>
 *   <li>Every pooled text has a <b>domain</b>: online_shopping's category ({@code 水果}, {@code 酒店} …); a hotel of
 *   ChnSentiCorp_htl_all is {@code 酒店}; a text of ChnSentiCorp's train or dev split takes the category
 *   online_shopping files it under, else {@code 酒店} if ChnSentiCorp_htl_all has it, else {@link #MIXED}.</li>
 *   <li><b>Leaving a domain out</b> ({@link #trainingWithout}) drops its texts, any pooled text that is also one of
 *   its texts, and, for a ChnSentiCorp domain ({@code 酒店}, {@code 书籍}, {@code 计算机}), the {@link #MIXED} texts,
 *   which may be of it. Its test set ({@link #domain}) is all its texts in online_shopping.</li>
 * </ul>
 */
public final class SentimentCorpora {
    public static final String TRAIN = "chnsenticorp_train.tsv";
    public static final String DEV = "chnsenticorp_dev.tsv";
    public static final String TEST = "chnsenticorp_test.tsv";
    public static final String HOTELS = "ChnSentiCorp_htl_all.csv";
    public static final String SHOPPING = "online_shopping_10_cats.csv";
    /** online_shopping's held-out part: the in-domain test of each category, trained on only as copies in chnsenticorp_train. */
    public static final String HELD_OUT = "0/10";
    /** The domain of a ChnSentiCorp train or dev text online_shopping does not have: a hotel, PC or book review. */
    public static final String MIXED = "ChnSentiCorp (hotel/PC/book)";
    /** The categories of online_shopping that ChnSentiCorp's texts come from. */
    public static final Set<String> CHNSENTICORP_DOMAINS = Set.of("酒店", "书籍", "计算机");
    private static final String HOTEL = "酒店";

    /** A pooled text and its domain. */
    public record Sourced(String domain, LabelledText text) {
    }

    private final List<LabelledText> test;
    private final Map<String, List<LabelledText>> shopping;
    private final List<Sourced> pool = new ArrayList<>();

    /** The corpora as read from their files; online_shopping by category, in the order categories first appear. */
    public SentimentCorpora(List<LabelledText> train, List<LabelledText> dev, List<LabelledText> test,
                            List<LabelledText> hotels, Map<String, List<LabelledText>> shopping) {
        this.test = List.copyOf(test);
        this.shopping = new LinkedHashMap<>(shopping);
        Set<String> excluded = keys(test);
        Map<String, String> categoryOf = new HashMap<>();
        Predicate<LabelledText> heldOut = SentimentCli.part(HELD_OUT, true);
        shopping.forEach((category, texts) -> texts.forEach(t -> {
            categoryOf.putIfAbsent(key(t.text()), category);
            if (heldOut.test(t)) {
                excluded.add(key(t.text()));
            }
        }));
        hotels.forEach(t -> categoryOf.putIfAbsent(key(t.text()), HOTEL));
        // The benchmark's train split is kept whole, as every published figure on it does (335 of the test split's rows
        // are in it; the model card reports the test split with and without them).
        train.forEach(t -> add(categoryOf.getOrDefault(key(t.text()), MIXED), t, Set.of()));
        dev.forEach(t -> add(categoryOf.getOrDefault(key(t.text()), MIXED), t, excluded));
        hotels.forEach(t -> add(HOTEL, t, excluded));
        shopping.forEach((category, texts) -> texts.forEach(t -> add(category, t, excluded)));
    }

    private void add(String domain, LabelledText text, Set<String> excluded) {
        if (!excluded.contains(key(text.text()))) {
            pool.add(new Sourced(domain, text));
        }
    }

    /** Reads the five files from {@code dir}. */
    public static SentimentCorpora read(Path dir) throws IOException {
        return new SentimentCorpora(LabelledText.read(dir.resolve(TRAIN)), LabelledText.read(dir.resolve(DEV)),
                LabelledText.read(dir.resolve(TEST)), LabelledText.read(dir.resolve(HOTELS)),
                LabelledText.readGrouped(dir.resolve(SHOPPING), "cat"));
    }

    /**
     * A text as the corpora are compared: {@link SentimentFeatures#prepare prepared} (widths, case, traditional
     * forms and digits folded) and only its letters and digits kept, so that a copy differing in spaces or
     * punctuation is the same text.
     */
    public static String key(String text) {
        String prepared = SentimentFeatures.prepare(text);
        StringBuilder key = new StringBuilder(prepared.length());
        prepared.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }

    static Set<String> keys(Collection<LabelledText> texts) {
        Set<String> keys = new HashSet<>();
        texts.forEach(t -> keys.add(key(t.text())));
        return keys;
    }

    /** Every text the shipped model learns from, with its domain, in file order. */
    public List<Sourced> pool() {
        return List.copyOf(pool);
    }

    /** The shipped model's training texts. */
    public List<LabelledText> training() {
        return pool.stream().map(Sourced::text).toList();
    }

    /** The online_shopping categories, in file order. */
    public List<String> domains() {
        return List.copyOf(shopping.keySet());
    }

    /** chnsenticorp_test as published (only the train split's copies of its texts are in the pool). */
    public List<LabelledText> test() {
        return test;
    }

    /** All texts of a category of online_shopping, each once (its first label): the test set when it is left out. */
    public List<LabelledText> domain(String category) {
        return distinct(shopping.getOrDefault(category, List.of()), t -> true);
    }

    /**
     * The category's texts in online_shopping's held-out part, each once, less those the pool has anyway (copies of
     * chnsenticorp_train's texts): its in-domain test set.
     */
    public List<LabelledText> heldOut(String category) {
        Set<String> pooled = new HashSet<>();
        pool.forEach(s -> pooled.add(key(s.text().text())));
        Predicate<LabelledText> heldOut = SentimentCli.part(HELD_OUT, true);
        return distinct(shopping.getOrDefault(category, List.of()), t -> heldOut.test(t) && !pooled.contains(key(t.text())));
    }

    /** The pool without the {@code leftOut} domains (see the class comment): what a leave-out model learns from. */
    public List<LabelledText> trainingWithout(Set<String> leftOut) {
        Set<String> theirs = new HashSet<>();
        boolean mixed = false;
        for (String domain : leftOut) {
            theirs.addAll(keys(shopping.getOrDefault(domain, List.of())));
            mixed |= CHNSENTICORP_DOMAINS.contains(domain) || MIXED.equals(domain);
        }
        List<LabelledText> training = new ArrayList<>();
        for (Sourced s : pool) {
            boolean out = leftOut.contains(s.domain()) || (mixed && MIXED.equals(s.domain()))
                    || theirs.contains(key(s.text().text()));
            if (!out) {
                training.add(s.text());
            }
        }
        return training;
    }

    private static List<LabelledText> distinct(List<LabelledText> texts, Predicate<LabelledText> part) {
        Set<String> seen = new HashSet<>();
        List<LabelledText> distinct = new ArrayList<>();
        for (LabelledText t : texts) {
            if (part.test(t) && seen.add(key(t.text()))) {
                distinct.add(t);
            }
        }
        return distinct;
    }
}
