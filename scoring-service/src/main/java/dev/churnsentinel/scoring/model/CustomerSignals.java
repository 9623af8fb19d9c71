package dev.churnsentinel.scoring.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the model knows about one customer, kept incrementally: each event or feedback updates it in
 * place, nothing is recomputed from full history. Stored as JSON beside the customer's score.
 */
public class CustomerSignals {
    // behaviour
    public Trend visitIntervalDays = new Trend();
    public Instant lastVisitAt;
    public int missedAppointmentsInRow;
    public int outreachSent;
    public int outreachResponded;
    public Instant lastInteractionAt;
    public Trend interactionIntervalDays = new Trend();
    // spending
    public Trend spendPerVisit = new Trend();
    public Trend addOnAcceptance = new Trend();
    public Trend purchaseAmount = new Trend();
    /** Days between purchases: their usual gap and the latest. */
    public Trend purchaseIntervalDays = new Trend();
    public Instant lastPurchaseAt;
    // attitude
    public Trend satisfaction = new Trend();
    public int satisfactionDeclinesInRow;
    public int lowSatisfactionInRow;
    /** The latest satisfaction scores in time order (a few), so the "in a row" counts hold under late deliveries. */
    public List<Score> latestSatisfaction = new ArrayList<>();
    public Integer lastNps;
    public Trend sentiment = new Trend();
    public double negativeEmotion;
    public String strongestEmotion;
    public int campaignsInvited;
    public int campaignsJoined;
    /**
     * Whether each campaign invitation was taken up (1) or not (0), known when the next invitation comes: the usual
     * share and the latest outcome.
     */
    public Trend campaignParticipation = new Trend();
    /** A CAMPAIGN_JOINED came since the latest invitation. */
    public boolean joinedSinceInvitation;
    // complaints
    public int openComplaints;
    public int unresolvedComplaints;
    public int resolvedComplaints;
    // explicit risk
    public List<RiskEvidence> riskEvidence = new ArrayList<>();
    public boolean priceSensitive;
    public boolean passiveChurn;
    public boolean contractCancelled;

    /** One score and when it was given. */
    public record Score(Instant at, double value) {
    }

    /** A non-negated high-risk phrase and where it was said. */
    public record RiskEvidence(String feedbackId, String category, String term, String evidence, int start, int end,
                               Instant at) {
    }
}
