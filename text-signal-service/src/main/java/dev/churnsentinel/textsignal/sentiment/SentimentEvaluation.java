package dev.churnsentinel.textsignal.sentiment;

import java.util.List;
import java.util.Locale;

/** How a model does on labelled texts: accuracy and macro-F1 of the positive/negative decision at 0.5. */
public record SentimentEvaluation(int texts, int truePositive, int falsePositive, int trueNegative, int falseNegative,
                                  double logLoss) {

    public static SentimentEvaluation of(SentimentModel model, List<LabelledText> data) {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        double loss = 0;
        for (LabelledText text : data) {
            double p = model.probability(text.text());
            boolean saidPositive = p >= 0.5;
            if (text.positive()) {
                if (saidPositive) tp++; else fn++;
            } else {
                if (saidPositive) fp++; else tn++;
            }
            loss -= Math.log(Math.max(1e-12, text.positive() ? p : 1 - p));
        }
        return new SentimentEvaluation(data.size(), tp, fp, tn, fn, data.isEmpty() ? 0 : loss / data.size());
    }

    public double accuracy() {
        return texts == 0 ? 0 : (double) (truePositive + trueNegative) / texts;
    }

    public double macroF1() {
        return (f1(truePositive, falsePositive, falseNegative) + f1(trueNegative, falseNegative, falsePositive)) / 2;
    }

    private static double f1(int hit, int wrongSaid, int missed) {
        double denominator = 2.0 * hit + wrongSaid + missed;
        return denominator == 0 ? 0 : 2.0 * hit / denominator;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%6d texts  accuracy %.2f%%  macro-F1 %.4f  log-loss %.3f",
                texts, accuracy() * 100, macroF1(), logLoss);
    }
}
