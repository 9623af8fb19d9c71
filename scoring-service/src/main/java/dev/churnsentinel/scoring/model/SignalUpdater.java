package dev.churnsentinel.scoring.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Folds one feedback or event into a customer's signals, in place. Plain rules, no framework. */
public final class SignalUpdater {
    static final double SECONDS_PER_DAY = 86_400;
    private static final int EVIDENCE_CONTEXT = 8;
    private static final int MAX_EVIDENCE = 5;
    /** Satisfaction at or below this is a low score (docs/domain.md §4: two scores of 6/10 or less in a row). */
    static final int LOW_SATISFACTION = 6;
    /** A resolution rated below this leaves the complaint unresolved in the customer's eyes. */
    static final int RESOLVED_TO_SATISFACTION = 7;
    /** Satisfaction scores kept for the "in a row" counts. */
    static final int SCORES_KEPT = 6;

    private final double smoothing;

    /** @param smoothing weight of a new value in a baseline (0..1): higher forgets history faster */
    public SignalUpdater(double smoothing) {
        this.smoothing = smoothing;
    }

    /**
     * Keeps the latest few scores in time order and counts, from the newest back, the low scores and the declines
     * in a row: the same counts whatever order the scores arrive in (one older than all kept changes nothing).
     */
    private static void satisfactionInRow(CustomerSignals s, CustomerSignals.Score score) {
        List<CustomerSignals.Score> latest = s.latestSatisfaction;
        if (latest.isEmpty() && s.satisfaction.recent != null) { // signals kept before the window existed
            latest.add(new CustomerSignals.Score(s.satisfaction.recentAt == null ? Instant.EPOCH : s.satisfaction.recentAt,
                    s.satisfaction.recent));
        }
        int at = latest.size();
        while (at > 0 && latest.get(at - 1).at().isAfter(score.at())) {
            at--;
        }
        if (at == 0 && latest.size() >= SCORES_KEPT) {
            return;
        }
        latest.add(at, score);
        while (latest.size() > SCORES_KEPT) {
            latest.remove(0);
        }
        int low = 0;
        for (int i = latest.size() - 1; i >= 0 && latest.get(i).value() <= LOW_SATISFACTION; i--) {
            low++;
        }
        int declines = 0;
        for (int i = latest.size() - 1; i > 0 && latest.get(i).value() < latest.get(i - 1).value(); i--) {
            declines++;
        }
        s.lowSatisfactionInRow = low;
        s.satisfactionDeclinesInRow = declines;
    }

    public void apply(CustomerSignals s, Inputs.Feedback feedback) {
        interaction(s, feedback.occurredAt());
        if (feedback.satisfaction() != null) {
            int score = feedback.satisfaction();
            satisfactionInRow(s, new CustomerSignals.Score(feedback.occurredAt(), score));
            s.satisfaction.observe(score, feedback.occurredAt(), smoothing);
        }
        if (feedback.nps() != null) {
            s.lastNps = feedback.nps();
        }
        Inputs.TextFindings findings = feedback.findings();
        if (findings != null) {
            s.sentiment.observe(findings.polarity(), feedback.occurredAt(), smoothing);
            double negative = 0;
            String strongest = null;
            double strongestIntensity = 0;
            for (var emotion : findings.emotions().entrySet()) {
                if (!emotion.getKey().equals("SATISFACTION")) {
                    negative = Math.max(negative, emotion.getValue());
                }
                if (emotion.getValue() > strongestIntensity) {
                    strongest = emotion.getKey();
                    strongestIntensity = emotion.getValue();
                }
            }
            s.negativeEmotion = negative;
            s.strongestEmotion = strongest;
            s.priceSensitive = s.priceSensitive || findings.priceSensitive();
            for (Inputs.RiskPhrase risk : findings.risks()) {
                if (!risk.negated()) {
                    s.riskEvidence.add(new CustomerSignals.RiskEvidence(feedback.feedbackId(), risk.category(),
                            risk.term(), snippet(feedback.text(), risk.start(), risk.end()), risk.start(), risk.end(),
                            feedback.occurredAt()));
                }
            }
            while (s.riskEvidence.size() > MAX_EVIDENCE) {
                s.riskEvidence.remove(0);
            }
        }
    }

    public void apply(CustomerSignals s, Inputs.Event event) {
        switch (event.type()) {
            case "SERVICE_VISIT" -> {
                s.lastVisitAt = gap(s.visitIntervalDays, s.lastVisitAt, event.occurredAt());
                if (event.amount() != null) {
                    s.spendPerVisit.observe(event.amount(), smoothing);
                }
                double offered = event.attribute("addOnsOffered", 0);
                if (offered > 0) {
                    s.addOnAcceptance.observe(event.attribute("addOnsAccepted", 0) / offered, smoothing);
                }
                s.missedAppointmentsInRow = 0;
            }
            case "PURCHASE" -> {
                s.lastPurchaseAt = gap(s.purchaseIntervalDays, s.lastPurchaseAt, event.occurredAt());
                if (event.amount() != null) {
                    s.purchaseAmount.observe(event.amount(), smoothing);
                }
            }
            case "APPOINTMENT_MISSED" -> s.missedAppointmentsInRow++;
            case "APPOINTMENT_KEPT" -> s.missedAppointmentsInRow = 0;
            case "OUTREACH_SENT" -> s.outreachSent++;
            case "OUTREACH_RESPONDED" -> s.outreachResponded++;
            case "CAMPAIGN_INVITED" -> {
                if (s.campaignsInvited > 0) { // the previous invitation's outcome is known now
                    s.campaignParticipation.observe(s.joinedSinceInvitation ? 1 : 0, smoothing);
                }
                s.campaignsInvited++;
                s.joinedSinceInvitation = false;
            }
            case "CAMPAIGN_JOINED" -> {
                s.campaignsJoined++;
                s.joinedSinceInvitation = true;
            }
            case "TICKET_OPENED" -> {
                if (event.flag("complaint")) {
                    s.openComplaints++;
                }
            }
            case "TICKET_RESOLVED" -> {
                if (s.openComplaints > 0) {
                    s.openComplaints--;
                    if (event.attribute("resolutionSatisfaction", 10) < RESOLVED_TO_SATISFACTION) {
                        s.unresolvedComplaints++;
                    } else {
                        s.resolvedComplaints++;
                    }
                }
            }
            case "CONTRACT_CANCELLED" -> s.contractCancelled = true;
            case "CONTRACT_RENEWED" -> s.contractCancelled = false;
            case "CUSTOMER_RELOCATED" -> s.passiveChurn = true;
            default -> {
                // LOGIN, EMAIL_OPENED, APPOINTMENT_BOOKED: only the interaction counts
            }
        }
        interaction(s, event.occurredAt());
    }

    /**
     * A visit or purchase at {@code at}: the days since the one before join {@code interval}; returns the latest time
     * (an earlier one arriving late changes neither).
     */
    private Instant gap(Trend interval, Instant last, Instant at) {
        if (last != null && at.isAfter(last)) {
            interval.observe(days(last, at), smoothing);
        }
        return last == null || at.isAfter(last) ? at : last;
    }

    private void interaction(CustomerSignals s, Instant at) {
        if (s.lastInteractionAt == null || at.isAfter(s.lastInteractionAt)) {
            double gap = s.lastInteractionAt == null ? 0 : days(s.lastInteractionAt, at);
            if (gap >= 1) { // interactions on the same day are one contact, not a rhythm of zero days
                s.interactionIntervalDays.observe(gap, smoothing);
            }
            s.lastInteractionAt = at;
        }
    }

    static double days(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds() / SECONDS_PER_DAY;
    }

    /** Where a phrase at {@code start} of a text begins in its {@link #snippet} (after the "…" when one leads). */
    static int offsetInSnippet(int start) {
        return Math.min(start, EVIDENCE_CONTEXT) + (start > EVIDENCE_CONTEXT ? 1 : 0);
    }

    /** The phrase with a little text either side, e.g. "…到期我们就解约，不想再续了…". */
    static String snippet(String text, int start, int end) {
        if (text == null || start < 0 || end > text.length() || start >= end) {
            return "";
        }
        int from = Math.max(0, start - EVIDENCE_CONTEXT);
        int to = Math.min(text.length(), end + EVIDENCE_CONTEXT);
        return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
    }
}
