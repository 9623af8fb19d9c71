package dev.churnsentinel.scoring.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A customer's churn risk with its explanation: what each dimension scored and why, and what overrode it. */
public record Assessment(double riskScore, Tier tier, Stage stage, String modelName, int modelVersion,
                         List<Dimension> dimensions, List<Override> overrides) {

    public enum Stage { SATISFIED, DOUBTING, PROBING, DECIDED }

    public record Signal(String code, String detail) {
    }

    public record Dimension(String name, double weight, double score, List<Signal> signals) {
    }

    /**
     * A rule that set a minimum tier whatever the weighted sum says: the high-risk phrase override (RED) and
     * the floors (at least YELLOW). Phrase overrides carry the feedback, the category and the evidence text: the
     * phrase with some text either side ("…到期我们就解约，不想再续了…"); {@code start}/{@code end} are the phrase's
     * offsets in the whole feedback text, {@code evidenceStart}/{@code evidenceEnd} its offsets in {@code evidence}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Override(String rule, Tier tier, String detail, String feedbackId, String category, String evidence,
                           Integer start, Integer end, Integer evidenceStart, Integer evidenceEnd) {

        public Override(String rule, Tier tier, String detail, String feedbackId, String category, String evidence,
                        Integer start, Integer end) {
            this(rule, tier, detail, feedbackId, category, evidence, start, end, null, null);
        }
    }
}
