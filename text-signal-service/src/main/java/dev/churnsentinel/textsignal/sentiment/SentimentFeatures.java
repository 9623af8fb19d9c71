package dev.churnsentinel.textsignal.sentiment;

import dev.churnsentinel.textsignal.lexicon.Lexicon;

import java.util.Arrays;

/**
 * Turns a text into the hashed features the sentiment model weighs: character n-grams of the normalised text
 * (1 to {@code maxN}), and the same n-grams marked "negated" while a negator's scope runs. The 不 of 不好 stays in
 * its n-grams (HanLP's NaiveBayes tokenizer would drop it), and 不太满意 also yields a negated 满意. A negator's
 * scope runs to the end of its clause; a second negator in the clause ends it (不是不好 is not negated).
 * Plain Java, allocation-light and thread-safe; the same code serves training and analysis.
 */
public final class SentimentFeatures {
    private static final String NEGATORS = "不没无非未别莫勿";
    private static final long SEED_PLAIN = 0x9E3779B97F4A7C15L;
    private static final long SEED_NEGATED = 0xC2B2AE3D27D4EB4FL;

    private final int bits;
    private final int maxN;
    private final boolean negationScope;

    public SentimentFeatures(int bits, int maxN, boolean negationScope) {
        if (bits < 10 || bits > 26) {
            throw new IllegalArgumentException("bits must be in [10, 26], was " + bits);
        }
        if (maxN < 1 || maxN > 4) {
            throw new IllegalArgumentException("maxN must be in [1, 4], was " + maxN);
        }
        this.bits = bits;
        this.maxN = maxN;
        this.negationScope = negationScope;
    }

    public int bits() {
        return bits;
    }

    public int maxN() {
        return maxN;
    }

    public boolean negationScope() {
        return negationScope;
    }

    public int dimension() {
        return 1 << bits;
    }

    /** The text as the features read it: {@link Lexicon#normalize} and digits folded to 0. */
    public static String prepare(String text) {
        char[] chars = Lexicon.normalize(text).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= '0' && chars[i] <= '9') {
                chars[i] = '0';
            }
        }
        return new String(chars);
    }

    /**
     * The distinct feature indices of {@code prepared} (see {@link #prepare}), sorted; a text with no usable
     * character gives none.
     */
    public int[] extract(String prepared) {
        int length = prepared.length();
        int[] out = new int[length * (maxN + (negationScope ? 2 : 0))];
        int count = 0;
        int mask = (1 << bits) - 1;
        boolean negated = false;
        for (int i = 0; i < length; i++) {
            char c = prepared.charAt(i);
            if (isBoundary(c)) {
                negated = false;
                if (c == '!' || c == '?') {
                    out[count++] = (int) (mix(SEED_PLAIN, c) >>> 40) & mask;
                }
                continue;
            }
            long plain = SEED_PLAIN;
            for (int n = 1; n <= maxN && i + n <= length; n++) {
                char last = prepared.charAt(i + n - 1);
                if (n > 1 && isBoundary(last)) {
                    break;
                }
                plain = mix(plain, last);
                out[count++] = (int) (plain >>> 40) & mask;
                if (negationScope && negated && n <= 2) {
                    out[count++] = (int) (mix(plain, SEED_NEGATED) >>> 40) & mask;
                }
            }
            if (negationScope && NEGATORS.indexOf(c) >= 0) {
                negated = !negated;
            }
        }
        int[] features = Arrays.copyOf(out, count);
        Arrays.sort(features);
        int distinct = 0;
        for (int i = 0; i < features.length; i++) {
            if (i == 0 || features[i] != features[i - 1]) {
                features[distinct++] = features[i];
            }
        }
        return Arrays.copyOf(features, distinct);
    }

    private static long mix(long hash, long value) {
        long h = (hash ^ value) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }

    private static boolean isBoundary(char c) {
        return switch (c) {
            case ',', '.', '。', '!', '?', ';', ':', '、', '\n', '\r', '…', '~', ' ', '\t', '"', '\'', '(', ')' -> true;
            default -> false;
        };
    }
}
