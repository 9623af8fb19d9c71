package dev.churnsentinel.textsignal.lexicon;

import java.util.List;

/** What one text says; the JSON shape of the REST API and the content of the gRPC answer. */
public record Analysis(String id, Sentiment sentiment, List<Emotion> emotions, List<RiskKeyword> riskKeywords,
                       boolean highRisk, boolean priceSensitive, List<Aspect> aspects) {

    public enum Label { POSITIVE, NEUTRAL, NEGATIVE }

    public record Sentiment(Label label, double polarity, double confidence) {
    }

    public record Emotion(String type, double intensity) {
    }

    /**
     * A risk phrase as it stands in the caller's text, at [start, end) of that text. {@code dismissed}: why the clause
     * classifier does not count it although it is not negated (SETTLED, PRAISE, HYPOTHETICAL_OTHER, INFO_QUESTION,
     * NEGATED), null when it counts or is negated. {@code inferred}: no listed phrase, the risk detector read the risk
     * from the whole sentence, which the term and offsets then span.
     */
    public record RiskKeyword(String term, String category, boolean negated, int start, int end, boolean question,
                              String dismissed, boolean inferred) {
        public RiskKeyword(String term, String category, boolean negated, int start, int end, boolean question) {
            this(term, category, negated, start, end, question, null, false);
        }

        public RiskKeyword(String term, String category, boolean negated, int start, int end, boolean question,
                           String dismissed) {
            this(term, category, negated, start, end, question, dismissed, false);
        }

        /** Whether it counts towards highRisk, priceSensitive and the risk counts: neither negated nor dismissed. */
        public boolean counts() {
            return !negated && dismissed == null;
        }
    }

    public record Aspect(String aspect, double polarity) {
    }
}
