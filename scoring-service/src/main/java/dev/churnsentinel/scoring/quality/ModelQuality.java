package dev.churnsentinel.scoring.quality;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * How well a model's score, computed as of a date from what had happened by then, foretold who cancelled in the
 * following days. Active churn is a contract cancelled in the window; customers who moved away (passive churn) are
 * counted but left out of every measure; a renewal is counted as kept.
 *
 * @param customers      customers with history by {@code asOf} and not gone by then
 * @param churnRate      share of the customers (passive ones left out) who cancelled in the window
 * @param complete       whether the window had ended when the backtest ran (else churn still to come is missing)
 * @param leadTimeDays   for customers who cancelled and had been warned: days from the first time they left GREEN,
 *                       within the look-back before the cancellation, to the cancellation
 * @param missedChurners customers who cancelled while GREEN throughout the look-back
 * @param calibration    churn rate per tenth of the customers by score, lowest scores first
 * @param falseAlarms    per tier, intervention's tasks resolved within the window and how they ended: how many of the
 *                       tier's alarms the managers found false ({@link AlarmOutcomes})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelQuality(String asOf, int horizonDays, int lookBackDays, int modelVersion, String windowEnds,
                           boolean complete, int customers, int churned, int passive, int renewed, Double churnRate,
                           Map<String, TierQuality> tiers, AucQuality auc, LeadTime leadTimeDays, int missedChurners,
                           List<Decile> calibration, Map<String, TaskOutcomes> falseAlarms) {

    /** Customers in a tier as of the date, how many of them cancelled, and the lift over the overall rate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TierQuality(int customers, int churned, Double churnRate, Double lift) {
    }

    /**
     * A tier's tasks resolved within the window, by outcome, and the share of them that were false alarms (null without
     * any resolved).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskOutcomes(int resolved, int falseAlarms, int retained, int churned, int passiveChurn,
                               Double falseAlarmShare) {
    }

    /** The AUC of the risk score for active churn, with its 95 % bootstrap interval. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AucQuality(Double value, Double low, Double high, int churners, int stayers) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeadTime(Double p25, Double p50, Double p75, int warned) {
    }

    /** One tenth of the customers ordered by score. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decile(int decile, double minScore, double maxScore, double meanScore, int customers, int churned,
                         Double churnRate) {
    }
}
