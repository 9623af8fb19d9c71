package dev.churnsentinel.textsignal.lexicon;

import dev.churnsentinel.textsignal.lexicon.Analysis.Aspect;
import dev.churnsentinel.textsignal.lexicon.Analysis.Emotion;
import dev.churnsentinel.textsignal.lexicon.Analysis.Label;
import dev.churnsentinel.textsignal.lexicon.Analysis.RiskKeyword;
import dev.churnsentinel.textsignal.lexicon.Analysis.Sentiment;
import dev.churnsentinel.textsignal.lexicon.Lexicon.Hit;
import dev.churnsentinel.textsignal.lexicon.Lexicon.Kind;
import dev.churnsentinel.textsignal.clause.ClauseFeatures;
import dev.churnsentinel.textsignal.clause.ClauseModel;
import dev.churnsentinel.textsignal.clause.RiskDetector;
import dev.churnsentinel.textsignal.sentiment.SentimentModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one text: which risk phrases it holds (and whether each is negated or asked as a question), its
 * sentiment, emotions and the aspects it talks about. Plain Java over one {@link Lexicon} scan and the trained
 * {@link SentimentModel}; thread-safe.
 *
 * <p>Sentiment: the model's calibrated log-odds plus the lexicon's evidence ({@value #LEXICON_LOGIT} per unit of
 * lexicon sentiment; a non-negated risk phrase counts {@value #RISK_WEIGHT}, a negated one reassures,
 * {@value #REASSURANCE}; after a contrast word such as 但是 or 就是 evidence counts {@value #AFTER_CONTRAST} times,
 * before it {@value #BEFORE_CONTRAST}), so a text the model has no features for (English) still gets its polarity
 * from the lexicon. A question without any lexicon evidence keeps only {@value #PLAIN_QUESTION} of the model's
 * log-odds: the model learnt from reviews, where a bare question is rare. Polarity is 2p - 1 of the resulting
 * probability p; within ±{@value #NEUTRAL_BAND} it is NEUTRAL; confidence is the probability of the label
 * given (for NEUTRAL, how close p is to one half). Each aspect takes the same reading of its clause.
 *
 * <p>Rules, all within a clause (text between punctuation marks):
 * <ul>
 *   <li>a longer hit hides the shorter hits of the same kind inside it (不满意 over 满意, 服务太差 over 差), any
 *       longer hit hides a negator inside it (不续费, 不错, 不得不), and a NOTRISK phrase hides the risk phrase
 *       inside it (退款已到账);</li>
 *   <li>a term is negated when an odd number of negators end at most {@value #NEGATION_GAP} characters
 *       before it (没想过解约, 不会换别家; 不是不想解约 is not negated) or stand in its gap (会员先不要取消);</li>
 *   <li>a degree adverb right before a sentiment or emotion word raises it (太差, 非常失望), and so does '!'.</li>
 * </ul>
 */
public final class TextAnalyzer {
    static final int NEGATION_GAP = 3;
    private static final int DEGREE_REACH = 2;
    private static final double RISK_WEIGHT = -1.2;
    private static final double EMOTION_WEIGHT = 0.8;
    private static final double NEGATED_FLIP = -0.7;
    /** A risk phrase said not to apply (不会换别家) reassures. */
    private static final double REASSURANCE = 0.6;
    /** After 但是, 就是, 可惜 ... the text says what it means: the lexicon's evidence there counts more. */
    private static final double AFTER_CONTRAST = 1.5;
    private static final double BEFORE_CONTRAST = 0.5;
    /** A question with no lexicon evidence (周六营业吗？) keeps only this share of the model's log-odds. */
    private static final double PLAIN_QUESTION = 0.25;
    private static final double EXCLAMATION_FACTOR = 1.25;
    static final double NEUTRAL_BAND = 0.2;
    static final double LEXICON_LOGIT = 0.8;

    private final Lexicon lexicon;
    private final SentimentModel model;
    /** Judges each risk phrase the lexicon finds (null: every phrase that is not negated counts). */
    private final ClauseModel clauseModel;
    /** Reads risks in sentences that hold no risk phrase (null: only phrases count). */
    private final RiskDetector riskDetector;

    /** The lexicon alone decides what counts (no clause classifier, no risk detector). */
    public TextAnalyzer(Lexicon lexicon, SentimentModel model) {
        this(lexicon, model, null, null);
    }

    public TextAnalyzer(Lexicon lexicon, SentimentModel model, ClauseModel clauseModel, RiskDetector riskDetector) {
        this.lexicon = lexicon;
        this.model = model;
        this.clauseModel = clauseModel;
        this.riskDetector = riskDetector;
    }

    /**
     * The built-in lexicon ({@code lexicon/base.tsv}), sentiment model ({@code sentiment/model.bin}), clause
     * classifier ({@code clause/model.tsv}) and risk detector ({@code clause/detector.tsv}).
     */
    public static TextAnalyzer builtIn() throws IOException {
        return lexiconOnly().with(ClauseModel.builtIn()).with(RiskDetector.builtIn());
    }

    /** The built-in lexicon and sentiment model without the clause classifier or the detector (what they learn on). */
    public static TextAnalyzer lexiconOnly() throws IOException {
        ClassLoader loader = TextAnalyzer.class.getClassLoader();
        try (InputStream lexicon = loader.getResourceAsStream("lexicon/base.tsv");
             InputStream model = loader.getResourceAsStream("sentiment/model.bin")) {
            return new TextAnalyzer(Lexicon.read(new InputStreamReader(lexicon, StandardCharsets.UTF_8)),
                    SentimentModel.read(model));
        }
    }

    /** The same models over another lexicon (a tenant's additions). */
    public TextAnalyzer with(Lexicon other) {
        return new TextAnalyzer(other, model, clauseModel, riskDetector);
    }

    /** The same lexicon and sentiment model with another clause classifier (null: none). */
    public TextAnalyzer with(ClauseModel other) {
        return new TextAnalyzer(lexicon, model, other, riskDetector);
    }

    /** The same with another risk detector (null: none). */
    public TextAnalyzer with(RiskDetector other) {
        return new TextAnalyzer(lexicon, model, clauseModel, other);
    }

    public RiskDetector riskDetector() {
        return riskDetector;
    }

    public ClauseModel clauseModel() {
        return clauseModel;
    }

    public SentimentModel model() {
        return model;
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    public Analysis analyze(String id, String text) {
        String normalized = Lexicon.normalize(text);
        List<Hit> hits = keepLongest(lexicon.scan(normalized));
        List<Clause> clauses = clauses(normalized);
        Reading reading = read(normalized, hits, clauses);

        List<RiskKeyword> risks = new ArrayList<>();
        Map<String, Double> emotions = new LinkedHashMap<>();
        double[] clauseSentiment = new double[clauses.size()];
        double total = 0;
        boolean evidence = false;
        int contrastAt = -1;
        for (Hit hit : hits) {
            if (hit.entry().kind() == Kind.CONTRAST) {
                contrastAt = hit.begin();
            }
        }

        for (int h = 0; h < hits.size(); h++) {
            Hit hit = hits.get(h);
            int clauseIndex = reading.clauseOf[h];
            Clause clause = clauses.get(clauseIndex);
            boolean negated = reading.negated[h];
            double contribution = 0;
            switch (hit.entry().kind()) {
                case RISK -> {
                    String dismissed = reading.dismissed == null ? null : reading.dismissed[h];
                    risks.add(new RiskKeyword(text.substring(hit.begin(), hit.end()), hit.entry().value(),
                            negated, hit.begin(), hit.end(), clause.question(), dismissed));
                    // a dismissed phrase is no evidence of risk: denied, it reassures like a negated one
                    contribution = negated || "NEGATED".equals(dismissed) ? REASSURANCE : dismissed != null ? 0 : RISK_WEIGHT;
                }
                case SENT -> contribution = reading.sentiment[h];
                case EMO -> {
                    if (!negated) {
                        double degree = degree(hits, hit, clause) * (clause.exclaimed() ? EXCLAMATION_FACTOR : 1);
                        double intensity = Math.min(1, 0.5 * degree);
                        emotions.merge(hit.entry().value(), intensity, Math::max);
                    }
                }
                default -> {
                    continue;
                }
            }
            if (contribution != 0) {
                clauseSentiment[clauseIndex] += contribution;
                total += contribution * (contrastAt < 0 ? 1 : hit.begin() >= contrastAt ? AFTER_CONTRAST : BEFORE_CONTRAST);
                evidence = true;
            }
        }
        if (riskDetector != null) {
            detect(text, normalized, hits, risks);
        }
        boolean highRisk = risks.stream().anyMatch(RiskKeyword::counts);
        boolean priceSensitive = risks.stream().anyMatch(r -> r.counts() && r.category().equals("PRICE"));
        boolean plainQuestion = !evidence && clauses.stream().anyMatch(Clause::question);
        double modelLogit = model.calibratedLogit(withoutNegatedRisks(normalized, hits, risks))
                * (plainQuestion ? PLAIN_QUESTION : 1);
        return new Analysis(id, sentiment(modelLogit + LEXICON_LOGIT * total), emotionList(emotions),
                risks, highRisk, priceSensitive, aspects(text, hits, clauses, clauseSentiment));
    }

    /**
     * Hands each sentence that holds no risk phrase at all (counted, negated or dismissed: the phrase's own judgement
     * stands) to the risk detector, and adds what it finds as an inferred keyword spanning the sentence.
     */
    private void detect(String text, String normalized, List<Hit> hits, List<RiskKeyword> risks) {
        boolean added = false;
        for (int[] sentence : RiskDetector.sentences(normalized)) {
            int begin = sentence[0];
            int end = sentence[1];
            boolean phrase = false;
            for (Hit hit : hits) {
                phrase |= hit.entry().kind() == Kind.RISK && hit.begin() < end && begin < hit.end();
            }
            if (phrase) {
                continue;
            }
            boolean question = RiskDetector.question(normalized, begin, end);
            RiskDetector.Detection found = riskDetector.detect(normalized, begin, end,
                    () -> model.calibratedLogit(normalized.substring(begin, end)), question);
            if (found != null) {
                risks.add(new RiskKeyword(text.substring(begin, end), found.category(), false, begin, end, question,
                        null, true));
                added = true;
            }
        }
        if (added) {
            risks.sort(Comparator.comparingInt(RiskKeyword::start));
        }
    }

    /**
     * What the analysis knows of each hit before it adds anything up: its clause, whether it is negated, what a
     * sentiment word weighs there, and, for a risk phrase that is not negated, what the clause classifier makes of it
     * ({@code dismissed} is null without a classifier or without such a phrase).
     */
    private record Reading(int[] clauseOf, boolean[] negated, double[] sentiment, String[] dismissed,
                           ClauseFeatures.Vector[] vectors) {
    }

    private Reading read(String normalized, List<Hit> hits, List<Clause> clauses) {
        return read(normalized, hits, clauses, null, 0);
    }

    /** With {@code training} cue words, every vector is kept (and judged too if there is a clause model). */
    private Reading read(String normalized, List<Hit> hits, List<Clause> clauses, ClauseFeatures training,
                         int trainingBigramBits) {
        boolean keepVectors = training != null;
        int n = hits.size();
        int[] clauseOf = new int[n];
        boolean[] negated = new boolean[n];
        double[] sentiment = new double[n];
        double[] clauseLexicon = new double[clauses.size()];
        boolean anyRisk = false;
        for (int h = 0; h < n; h++) {
            Hit hit = hits.get(h);
            clauseOf[h] = clauseIndex(clauses, hit.begin());
            Clause clause = clauses.get(clauseOf[h]);
            Kind kind = hit.entry().kind();
            if (kind == Kind.RISK || kind == Kind.SENT || kind == Kind.EMO) {
                negated[h] = isNegated(hits, hit, clause);
            }
            if (kind == Kind.SENT) {
                double degree = degree(hits, hit, clause) * (clause.exclaimed() ? EXCLAMATION_FACTOR : 1);
                sentiment[h] = hit.entry().number() * degree * (negated[h] ? NEGATED_FLIP : 1);
                clauseLexicon[clauseOf[h]] += sentiment[h];
            }
            anyRisk |= kind == Kind.RISK && !negated[h];
        }
        String[] dismissed = null;
        ClauseFeatures.Vector[] vectors = null;
        if (anyRisk && (clauseModel != null || keepVectors)) {
            ClauseFeatures features = keepVectors ? training : clauseModel.features();
            int bigramBits = keepVectors ? trainingBigramBits : clauseModel.bigramBits();
            dismissed = new String[n];
            vectors = keepVectors ? new ClauseFeatures.Vector[n] : null;
            for (int h = 0; h < n; h++) {
                Hit hit = hits.get(h);
                if (hit.entry().kind() != Kind.RISK || negated[h]) {
                    continue;
                }
                Clause clause = clauses.get(clauseOf[h]);
                int[] sentence = ClauseFeatures.sentence(normalized, hit.begin(), hit.end());
                double sentenceLexicon = 0;
                for (int c = 0; c < clauses.size(); c++) {
                    if (clauses.get(c).begin() >= sentence[0] && clauses.get(c).end() <= sentence[1]) {
                        sentenceLexicon += clauseLexicon[c];
                    }
                }
                boolean otherRisk = false;
                for (int o = 0; o < n; o++) {
                    Hit other = hits.get(o);
                    otherRisk |= other.entry().kind() == Kind.RISK && !negated[o] && other.begin() >= sentence[0]
                            && other.end() <= sentence[1] && !other.entry().value().equals(hit.entry().value());
                }
                ClauseFeatures.Vector x = features.extract(new ClauseFeatures.Phrase(normalized, hit.begin(), hit.end(),
                        Lexicon.CATEGORIES.indexOf(hit.entry().value()), clause.question(), clauseLexicon[clauseOf[h]],
                        sentenceLexicon, otherRisk), model::calibratedLogit, bigramBits);
                if (vectors != null) {
                    vectors[h] = x;
                }
                if (clauseModel != null) {
                    dismissed[h] = clauseModel.dismissal(x);
                }
            }
        }
        return new Reading(clauseOf, negated, sentiment, dismissed, vectors);
    }

    /** A risk phrase that is not negated and what the clause classifier reads about it; for training it. */
    public record Judged(String category, int start, int end, ClauseFeatures.Vector features, String dismissed) {
    }

    /**
     * Every risk phrase of {@code text} that the lexicon does not negate, with what the clause classifier reads about
     * it over {@code features} and {@code bigramBits} (the trainer's settings) and, if this analyzer has a clause
     * model, its judgement (the model must have been trained with the same settings).
     */
    public List<Judged> judged(String text, ClauseFeatures features, int bigramBits) {
        String normalized = Lexicon.normalize(text);
        List<Hit> hits = keepLongest(lexicon.scan(normalized));
        List<Clause> clauses = clauses(normalized);
        Reading reading = read(normalized, hits, clauses, features, bigramBits);
        List<Judged> judged = new ArrayList<>();
        for (int h = 0; h < hits.size(); h++) {
            if (reading.vectors() != null && reading.vectors()[h] != null) {
                Hit hit = hits.get(h);
                judged.add(new Judged(hit.entry().value(), hit.begin(), hit.end(), reading.vectors()[h],
                        reading.dismissed()[h]));
            }
        }
        return judged;
    }

    /**
     * The text the model reads: a risk phrase said not to apply (不会换别家) is the lexicon's to weigh, so it and the
     * negators before it in its clause are blanked out; the model would read 别家 as a complaint.
     */
    private static String withoutNegatedRisks(String normalized, List<Hit> hits, List<RiskKeyword> risks) {
        if (risks.stream().noneMatch(RiskKeyword::negated)) {
            return normalized;
        }
        char[] chars = normalized.toCharArray();
        for (RiskKeyword risk : risks) {
            if (risk.negated()) {
                java.util.Arrays.fill(chars, risk.start(), risk.end(), ' ');
                for (Hit hit : hits) {
                    if (hit.entry().kind() == Kind.NEG && hit.end() <= risk.start()
                            && risk.start() - hit.end() <= NEGATION_GAP) {
                        java.util.Arrays.fill(chars, hit.begin(), hit.end(), ' ');
                    }
                }
            }
        }
        return new String(chars);
    }

    static Sentiment sentiment(double logit) {
        double p = 1 / (1 + Math.exp(-logit));
        double polarity = round(2 * p - 1);
        Label label = polarity > NEUTRAL_BAND ? Label.POSITIVE : polarity < -NEUTRAL_BAND ? Label.NEGATIVE : Label.NEUTRAL;
        double confidence = switch (label) {
            case POSITIVE -> p;
            case NEGATIVE -> 1 - p;
            case NEUTRAL -> 1 - Math.abs(2 * p - 1) / (2 * NEUTRAL_BAND);
        };
        return new Sentiment(label, polarity, round(confidence));
    }

    private static List<Emotion> emotionList(Map<String, Double> emotions) {
        return emotions.entrySet().stream()
                .map(e -> new Emotion(e.getKey(), round(e.getValue())))
                .sorted(Comparator.comparingDouble(Emotion::intensity).reversed())
                .toList();
    }

    /**
     * Each aspect takes the sentiment of the clause it is named in (model and lexicon, as for the whole text);
     * named in several clauses, the strongest reading wins. An aspect in a clause that says nothing either way
     * (within the neutral band) is left out.
     */
    private List<Aspect> aspects(String text, List<Hit> hits, List<Clause> clauses, double[] clauseSentiment) {
        Map<String, Double> strongest = new LinkedHashMap<>();
        Double[] clausePolarity = new Double[clauses.size()]; // a clause is read once, however many aspects it names
        for (Hit hit : hits) {
            Kind kind = hit.entry().kind();
            String aspect = kind == Kind.ASPECT ? hit.entry().value()
                    : kind == Kind.RISK && hit.entry().value().equals("PRICE") ? "PRICE"
                    : kind == Kind.RISK && hit.entry().value().equals("POOR_SERVICE") ? "SERVICE_ATTITUDE" : null;
            if (aspect == null) {
                continue;
            }
            int index = clauses.indexOf(clauseOf(clauses, hit.begin()));
            if (clausePolarity[index] == null) {
                Clause clause = clauses.get(index);
                clausePolarity[index] = sentiment(model.calibratedLogit(text.substring(clause.begin(), clause.end()))
                        + LEXICON_LOGIT * clauseSentiment[index]).polarity();
            }
            double polarity = clausePolarity[index];
            if (Math.abs(polarity) > NEUTRAL_BAND) {
                strongest.merge(aspect, polarity, (a, b) -> Math.abs(a) >= Math.abs(b) ? a : b);
            }
        }
        List<Aspect> aspects = new ArrayList<>();
        strongest.forEach((aspect, polarity) -> aspects.add(new Aspect(aspect, polarity)));
        return aspects;
    }

    /**
     * Drops hits inside a longer hit of the same kind, negators inside any longer hit, risk phrases inside a
     * NOTRISK phrase (退款 in 退款已到账), and a hit overlapping an earlier one of its kind (longest match first).
     */
    static List<Hit> keepLongest(List<Hit> hits) {
        List<Hit> kept = new ArrayList<>(hits.size());
        for (Hit hit : hits) {
            boolean hidden = false;
            for (Hit other : hits) {
                if (other.contains(hit) && (other.entry().kind() == hit.entry().kind()
                        || hit.entry().kind() == Kind.NEG && !other.gapHolds(hit)
                        || hit.entry().kind() == Kind.RISK && other.entry().kind() == Kind.NOTRISK)) {
                    hidden = true;
                    break;
                }
            }
            if (!hidden) {
                kept.add(hit);
            }
        }
        kept.sort(Comparator.comparingInt(Hit::begin).thenComparing(h -> -h.length()));
        // of two overlapping hits of one kind (太贵 and 贵了 in 太贵了), the one that starts first stays: one piece of
        // text is one piece of evidence (negators are counted apart, see isNegated)
        List<Hit> distinct = new ArrayList<>(kept.size());
        for (Hit hit : kept) {
            boolean overlaps = false;
            if (hit.entry().kind() != Kind.NEG) {
                for (Hit earlier : distinct) {
                    if (earlier.entry().kind() == hit.entry().kind() && earlier.end() > hit.begin()) {
                        overlaps = true;
                        break;
                    }
                }
            }
            if (!overlaps) {
                distinct.add(hit);
            }
        }
        return distinct;
    }

    /** Negators overlapping each other (并不 and 不打算 in 并不打算) count once; hits are sorted by begin. */
    private static boolean isNegated(List<Hit> hits, Hit target, Clause clause) {
        int negators = 0;
        int countedUpTo = -1;
        for (Hit hit : hits) {
            if (hit.entry().kind() == Kind.NEG && (hit.end() <= target.begin() && hit.begin() >= clause.begin()
                    && target.begin() - hit.end() <= NEGATION_GAP || target.gapHolds(hit))
                    && !overlapsAny(hits, hit, target)) {
                if (hit.begin() >= countedUpTo) {
                    negators++;
                }
                countedUpTo = Math.max(countedUpTo, hit.end());
            }
        }
        return negators % 2 == 1;
    }

    /** A negator that is part of another term before the target (e.g. 不 in 不错) is not a negator. */
    private static boolean overlapsAny(List<Hit> hits, Hit negator, Hit target) {
        for (Hit hit : hits) {
            if (hit != negator && hit != target && hit.entry().kind() != Kind.NEG && hit.entry().kind() != Kind.DEGREE
                    && hit.begin() < negator.end() && negator.begin() < hit.end()) {
                return true;
            }
        }
        return false;
    }

    private static double degree(List<Hit> hits, Hit target, Clause clause) {
        double factor = 1;
        for (Hit hit : hits) {
            if (hit.entry().kind() == Kind.DEGREE && hit.end() <= target.begin() && hit.begin() >= clause.begin()
                    && target.begin() - hit.end() <= DEGREE_REACH) {
                factor = Math.max(factor, hit.entry().number());
            }
        }
        return factor;
    }

    /** A stretch of text between punctuation marks, with the mark that ends it. */
    record Clause(int begin, int end, boolean question, boolean exclaimed) {
    }

    static List<Clause> clauses(String normalized) {
        List<Clause> clauses = new ArrayList<>();
        int begin = 0;
        for (int i = 0; i <= normalized.length(); i++) {
            char c = i < normalized.length() ? normalized.charAt(i) : '。';
            if (isClauseEnd(c)) {
                boolean question = c == '?' || (i > begin && normalized.charAt(i - 1) == '吗');
                clauses.add(new Clause(begin, i, question, c == '!'));
                begin = i + 1;
            }
        }
        return clauses;
    }

    public static boolean isClauseEnd(char c) {
        return switch (c) {
            case ',', '.', '。', '!', '?', ';', ':', '、', '\n', '\r', '…', '~' -> true;
            default -> false;
        };
    }

    private static Clause clauseOf(List<Clause> clauses, int position) {
        return clauses.get(clauseIndex(clauses, position));
    }

    private static int clauseIndex(List<Clause> clauses, int position) {
        for (int i = 0; i < clauses.size(); i++) {
            if (position >= clauses.get(i).begin() && position <= clauses.get(i).end()) {
                return i;
            }
        }
        return clauses.size() - 1;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
