package dev.churnsentinel.scoring.model;

import dev.churnsentinel.scoring.model.Assessment.Dimension;
import dev.churnsentinel.scoring.model.Assessment.Override;
import dev.churnsentinel.scoring.model.Assessment.Signal;
import dev.churnsentinel.scoring.model.Assessment.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the churn-risk score is computed (docs/domain.md §3-4), in one place.
 *
 * <p>Each dimension (behaviour, spending, attitude, complaints) scores 0-100 from the customer's change
 * against their own baseline; the signals within a dimension combine as independent evidence
 * (1 − Π(1 − sᵢ/100)), so two signals raise a dimension without ever passing 100. The weighted sum gives
 * the score and the tier. Then the overrides: a non-negated high-risk phrase makes the customer RED, and
 * the floors (detractor NPS, low or falling satisfaction, missed appointments, an emotional drop, silence)
 * make them at least YELLOW. A floor lifts the score to the bottom of its tier, so scores and tiers agree.
 */
public final class RiskModel {
    private static final Set<String> DECIDED_CATEGORIES = Set.of("CANCELLATION", "END_COOPERATION", "REFUND");
    private static final Set<String> DOUBTING_CATEGORIES = Set.of("COMPETITOR", "PRICE");
    private static final int MIN_OUTREACH_FOR_RATE = 3;
    private static final double DECIDED_SILENCE_DAYS = 90;
    /** ... or, when longer, this many of their usual gaps between interactions. */
    private static final double DECIDED_SILENCE_RHYTHMS = 2;
    /** A behaviour or spending dimension at this many points or more puts the customer at least at PROBING. */
    private static final double PROBING_FROM_POINTS = 50;
    /** Outreaches count as ignored when less than this share of them (0-1) was answered. */
    private static final double OUTREACH_IGNORED_BELOW = 0.5;
    /** Silence is a signal once it lasts more than this many of the customer's usual gaps between interactions. */
    private static final double SILENCE_SIGNAL_AFTER_RHYTHMS = 1.5;
    /** The most points a signal, a dimension or the score can have: each runs from 0 to this. */
    private static final double MAX_POINTS = 100;
    /** A relative change or a rate (0.5) as a percent (50). */
    private static final double PERCENT = 100;
    /** VoC health: the risk (points) of an NPS not yet heard, halfway. */
    private static final double RISK_OF_NPS_UNKNOWN = 50;
    /** VoC health: risk (points) per NPS point below 10, so NPS 0 is the most. */
    private static final double RISK_PER_NPS_POINT = 10.0;
    /** VoC health: risk (points) per high-risk phrase said recently, so four make the most. */
    private static final double RISK_PER_NEGATIVE_WORD = 25.0;
    /** The rule (and signal) of a customer silent beyond their own rhythm. */
    public static final String SILENCE = "SILENCE";

    private final ModelConfig config;

    public RiskModel(ModelConfig config) {
        this.config = config;
    }

    public ModelConfig config() {
        return config;
    }

    public Assessment assess(CustomerSignals s, Instant now) {
        List<CustomerSignals.RiskEvidence> live = liveEvidence(s, now);
        List<Override> overrides = new ArrayList<>();
        Dimension behaviour = behaviour(s, now, overrides, null);
        Dimension spending = spending(s, null);
        Dimension attitude = attitude(s, overrides, null);
        Dimension complaints = complaints(s, null);
        List<Dimension> dimensions = ModelConfig.VOC_HEALTH.equals(config.name())
                ? vocHealth(s, live, now) : List.of(behaviour, spending, attitude, complaints);
        double score = 0;
        for (Dimension d : dimensions) {
            score += d.weight() * d.score();
        }
        score = Math.min(MAX_POINTS, score);
        for (CustomerSignals.RiskEvidence risk : live) {
            int inEvidence = SignalUpdater.offsetInSnippet(risk.start());
            overrides.add(new Override("HIGH_RISK_KEYWORD", Tier.RED, "said \"" + risk.term() + "\"",
                    risk.feedbackId(), risk.category(), risk.evidence(), risk.start(), risk.end(),
                    inEvidence, inEvidence + risk.end() - risk.start()));
        }
        if (s.passiveChurn) {
            overrides.add(new Override("PASSIVE_CHURN", Tier.GREEN,
                    "customer relocated or sold the asset: no rescue", null, null, null, null, null));
        }
        Tier tier = config.tierOf(score);
        for (Override override : overrides) {
            tier = Tier.worst(tier, override.tier());
        }
        score = Math.max(round(score), config.lowestScoreOf(tier));
        return new Assessment(score, tier, stage(s, live, tier, behaviour, spending, now), config.name(), config.version(),
                dimensions, List.copyOf(overrides));
    }

    /**
     * The VoC health preset's four parts, each as risk (100 − its health part): NPS, interaction frequency against the
     * customer's own rhythm, ticket resolution rate, and the negative sensitive words said recently. The floors and the
     * phrase override of the churn-risk model still apply.
     */
    private List<Dimension> vocHealth(CustomerSignals s, List<CustomerSignals.RiskEvidence> live, Instant now) {
        double nps = s.lastNps == null ? RISK_OF_NPS_UNKNOWN : MAX_POINTS - RISK_PER_NPS_POINT * s.lastNps;
        double rhythm = rhythmDays(s);
        double frequency = 0;
        String frequencyDetail = "no rhythm known yet";
        if (s.lastInteractionAt != null && rhythm > 0) {
            double silent = SignalUpdater.days(s.lastInteractionAt, now);
            frequency = MAX_POINTS * (1 - Math.min(1, rhythm / Math.max(rhythm, silent)));
            frequencyDetail = String.format(Locale.ROOT, "last contact %s days ago, usually every %s days", days(silent), days(rhythm));
        }
        int tickets = s.resolvedComplaints + s.unresolvedComplaints + s.openComplaints;
        double resolution = tickets == 0 ? 0 : PERCENT * (s.unresolvedComplaints + s.openComplaints) / tickets;
        double negative = Math.min(MAX_POINTS, RISK_PER_NEGATIVE_WORD * live.size());
        return List.of(
                new Dimension("NPS", config.vocNpsWeight(), round(nps), List.of(new Signal("NPS",
                        s.lastNps == null ? "no NPS yet" : "NPS " + s.lastNps))),
                new Dimension("INTERACTION", config.vocInteractionWeight(), round(frequency),
                        List.of(new Signal("INTERACTION_FREQUENCY", frequencyDetail))),
                new Dimension("RESOLUTION", config.vocResolutionWeight(), round(resolution), List.of(new Signal("TICKETS_RESOLVED",
                        tickets == 0 ? "no complaints" : s.resolvedComplaints + " of " + tickets + " resolved to satisfaction"))),
                new Dimension("NEGATIVE_WORDS", config.vocNegativeWordsWeight(), round(negative), live.stream()
                        .map(r -> new Signal("NEGATIVE_WORD", "said \"" + r.term() + "\" (" + r.category() + ")")).toList()));
    }

    /**
     * The high-risk phrases said within the last {@code riskEvidenceDays}: a phrase makes the customer RED at once,
     * and keeps them RED only as long as it is recent (said again, it counts again).
     */
    private List<CustomerSignals.RiskEvidence> liveEvidence(CustomerSignals s, Instant now) {
        Instant since = now.minus(java.time.Duration.ofDays(config.riskEvidenceDays()));
        return s.riskEvidence.stream().filter(r -> r.at() == null || !r.at().isBefore(since)).toList();
    }

    private Dimension behaviour(CustomerSignals s, Instant now, List<Override> overrides, double[] units) {
        Evidence e = new Evidence(units);
        double stretch = s.visitIntervalDays.relativeChange();
        if (stretch > 0) {
            e.add(Points.INTERVAL_STRETCH, stretch * PERCENT, "VISIT_INTERVAL_UP",
                    "%s → %s days (%+.0f%%)", days(s.visitIntervalDays.baseline), days(s.visitIntervalDays.recent), stretch * PERCENT);
        }
        if (s.missedAppointmentsInRow > 0) {
            e.add(Points.MISSED_APPOINTMENT, s.missedAppointmentsInRow, "APPOINTMENTS_MISSED",
                    "%d missed in a row", s.missedAppointmentsInRow);
            if (s.missedAppointmentsInRow >= config.floorMissedAppointmentsInRow()) {
                overrides.add(floor("MISSED_APPOINTMENTS", s.missedAppointmentsInRow + " missed appointments in a row"));
            }
        }
        if (s.outreachSent >= MIN_OUTREACH_FOR_RATE) {
            double rate = Math.min(1, (double) s.outreachResponded / s.outreachSent);
            if (rate < OUTREACH_IGNORED_BELOW) {
                e.add(Points.NO_OUTREACH_RESPONSE, 1 - rate, "OUTREACH_IGNORED",
                        "answered %d of %d outreaches", s.outreachResponded, s.outreachSent);
            }
        }
        double participation = s.campaignParticipation.change();
        if (participation < 0) {
            e.add(Points.PARTICIPATION_DROP, -participation, "CAMPAIGNS_DECLINED",
                    "campaign participation %.0f%% → %.0f%%", s.campaignParticipation.baseline * PERCENT,
                    s.campaignParticipation.recent * PERCENT);
        }
        double rhythm = rhythmDays(s);
        if (s.lastInteractionAt != null && rhythm > 0) {
            double silentDays = SignalUpdater.days(s.lastInteractionAt, now);
            double rhythms = silentDays / rhythm;
            if (rhythms > SILENCE_SIGNAL_AFTER_RHYTHMS) {
                e.add(Points.SILENCE_RHYTHM, rhythms - 1, SILENCE,
                        "silent %s days, usually every %s days", days(silentDays), days(rhythm));
                if (rhythms >= config.floorSilenceRhythms()) {
                    overrides.add(floor(SILENCE, "silent " + days(silentDays) + " days against a usual " + days(rhythm)));
                }
            }
        }
        return e.dimension("BEHAVIOUR", config.behaviourWeight());
    }

    private Dimension spending(CustomerSignals s, double[] units) {
        Evidence e = new Evidence(units);
        double spend = s.spendPerVisit.relativeChange();
        if (spend < 0) {
            e.add(Points.SPEND_DROP, -spend * PERCENT, "SPEND_PER_VISIT_DOWN",
                    "%s → %s per visit (%+.0f%%)", money(s.spendPerVisit.baseline), money(s.spendPerVisit.recent), spend * PERCENT);
        }
        double addOns = s.addOnAcceptance.change();
        if (addOns < 0) {
            e.add(Points.ADD_ON_DROP, -addOns, "ADD_ONS_REFUSED",
                    "add-on acceptance %.0f%% → %.0f%%", s.addOnAcceptance.baseline * PERCENT, s.addOnAcceptance.recent * PERCENT);
        }
        double purchase = s.purchaseAmount.relativeChange();
        if (purchase < 0) {
            e.add(Points.PURCHASE_DROP, -purchase * PERCENT, "PURCHASE_DOWN",
                    "%s → %s per purchase (%+.0f%%)", money(s.purchaseAmount.baseline), money(s.purchaseAmount.recent),
                    purchase * PERCENT);
        }
        double purchaseGap = s.purchaseIntervalDays.relativeChange();
        if (purchaseGap > 0) {
            e.add(Points.PURCHASE_GAP_STRETCH, purchaseGap * PERCENT, "PURCHASES_LESS_OFTEN",
                    "%s → %s days between purchases (%+.0f%%)", days(s.purchaseIntervalDays.baseline),
                    days(s.purchaseIntervalDays.recent), purchaseGap * PERCENT);
        }
        return e.dimension("SPENDING", config.spendingWeight());
    }

    private Dimension attitude(CustomerSignals s, List<Override> overrides, double[] units) {
        Evidence e = new Evidence(units);
        double drop = -s.satisfaction.change();
        if (drop > 0) {
            e.add(Points.SATISFACTION_DROP, drop, "SATISFACTION_DOWN",
                    "satisfaction %s → %s", number(s.satisfaction.baseline), number(s.satisfaction.recent));
        }
        if (s.lowSatisfactionInRow >= config.floorLowScoresInRow()) {
            e.add(Points.LOW_SCORES_IN_ROW, 1, "LOW_SATISFACTION_IN_ROW",
                    "%d scores of %d/10 or less in a row", s.lowSatisfactionInRow, SignalUpdater.LOW_SATISFACTION);
            overrides.add(floor("LOW_SATISFACTION_IN_ROW", s.lowSatisfactionInRow + " low satisfaction scores in a row"));
        } else if (s.satisfactionDeclinesInRow >= config.floorDeclinesInRow()) {
            overrides.add(floor("SATISFACTION_FALLING", "satisfaction fell " + s.satisfactionDeclinesInRow + " times in a row"));
        }
        if (s.lastNps != null && s.lastNps <= config.npsDetractorMax()) {
            e.add(Points.DETRACTOR_STEP, config.npsDetractorMax() + 1 - s.lastNps, "NPS_DETRACTOR",
                    "NPS %d", s.lastNps);
            overrides.add(floor("NPS_DETRACTOR", "NPS " + s.lastNps + " (detractor)"));
        }
        double sentimentDrop = -s.sentiment.change();
        if (sentimentDrop > 0) {
            e.add(Points.SENTIMENT_DROP, sentimentDrop, "SENTIMENT_DOWN",
                    "tone %+.2f → %+.2f against the customer's usual", s.sentiment.baseline, s.sentiment.recent);
            if (sentimentDrop >= config.floorSentimentDrop()) {
                overrides.add(floor("EMOTIONAL_DROP", String.format(Locale.ROOT, "tone fell by %.2f", sentimentDrop)));
            }
        } else if (!s.sentiment.hasChange() && s.sentiment.recent != null && s.sentiment.recent < 0) {
            e.add(Points.SENTIMENT_DROP, -s.sentiment.recent, "NEGATIVE_TONE",
                    "tone %+.2f", s.sentiment.recent);
        }
        if (s.negativeEmotion > 0 && s.strongestEmotion != null && !s.strongestEmotion.equals("SATISFACTION")) {
            e.add(Points.EMOTION_INTENSITY, s.negativeEmotion, "EMOTION",
                    "%s %.1f", s.strongestEmotion, s.negativeEmotion);
        }
        return e.dimension("ATTITUDE", config.attitudeWeight());
    }

    private Dimension complaints(CustomerSignals s, double[] units) {
        Evidence e = new Evidence(units);
        if (s.unresolvedComplaints > 0) {
            e.add(Points.UNRESOLVED_COMPLAINT, s.unresolvedComplaints, "COMPLAINT_UNRESOLVED",
                    "%d complaint(s) not resolved to the customer's satisfaction", s.unresolvedComplaints);
        }
        if (s.openComplaints > 0) {
            e.add(Points.OPEN_COMPLAINT, s.openComplaints, "COMPLAINT_OPEN",
                    "%d complaint(s) open", s.openComplaints);
        }
        return e.dimension("COMPLAINTS", config.complaintsWeight());
    }

    private Stage stage(CustomerSignals s, List<CustomerSignals.RiskEvidence> live, Tier tier, Dimension behaviour, Dimension spending, Instant now) {
        boolean decidedWords = live.stream().anyMatch(r -> DECIDED_CATEGORIES.contains(r.category()));
        boolean longGone = s.lastInteractionAt != null
                && SignalUpdater.days(s.lastInteractionAt, now) > Math.max(DECIDED_SILENCE_DAYS, DECIDED_SILENCE_RHYTHMS * rhythmDays(s));
        if (decidedWords || s.contractCancelled || longGone) {
            return Stage.DECIDED;
        }
        if (behaviour.score() >= PROBING_FROM_POINTS || spending.score() >= PROBING_FROM_POINTS
                || tier.compareTo(Tier.ORANGE) >= 0) {
            return Stage.PROBING;
        }
        boolean comparing = live.stream().anyMatch(r -> DOUBTING_CATEGORIES.contains(r.category()));
        return comparing || tier != Tier.GREEN ? Stage.DOUBTING : Stage.SATISFIED;
    }

    /**
     * When this customer's silence becomes decisive (the silence floor: {@code floorSilenceRhythms} times their own
     * interaction rhythm after their last interaction), or null while their rhythm is unknown.
     */
    public Instant silenceFloorAt(CustomerSignals s) {
        double rhythm = rhythmDays(s);
        if (s.lastInteractionAt == null || rhythm <= 0) {
            return null;
        }
        return s.lastInteractionAt.plusSeconds(Math.round(rhythm * config.floorSilenceRhythms() * SignalUpdater.SECONDS_PER_DAY));
    }

    /** The customer's own interaction rhythm in days (0 while unknown). */
    public static double rhythmDays(CustomerSignals s) {
        Trend t = s.interactionIntervalDays;
        return t.baseline != null ? t.baseline : t.recent != null ? t.recent : 0;
    }

    private Override floor(String rule, String detail) {
        return new Override(rule, Tier.YELLOW, detail, null, null, null, null, null);
    }

    /**
     * The units of each signal of the churn-risk model as of {@code now}, indexed by {@link Points#ordinal()} (0 where a
     * signal is absent): what the points per unit multiply, so {@code min(100, units × points)} is the signal's points.
     */
    public double[] units(CustomerSignals s, Instant now) {
        double[] units = new double[Points.values().length];
        List<Override> ignored = new ArrayList<>();
        behaviour(s, now, ignored, units);
        spending(s, units);
        attitude(s, ignored, units);
        complaints(s, units);
        return units;
    }

    /** Signals of one dimension, combined as independent evidence; each signal's units also go to {@code units}. */
    private final class Evidence {
        private final List<Signal> signals = new ArrayList<>();
        private final double[] units;
        private double remaining = 1;

        Evidence(double[] units) {
            this.units = units;
        }

        void add(Points per, double count, String code, String format, Object... args) {
            if (units != null) {
                units[per.ordinal()] = count;
            }
            double bounded = Math.max(0, Math.min(MAX_POINTS, count * per.of(config)));
            remaining *= 1 - bounded / MAX_POINTS;
            signals.add(new Signal(code, String.format(Locale.ROOT, format, args)));
        }

        Dimension dimension(String name, double weight) {
            return new Dimension(name, weight, round(MAX_POINTS * (1 - remaining)), List.copyOf(signals));
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String days(Double value) {
        return value == null ? "?" : String.valueOf(Math.round(value));
    }

    private static String number(Double value) {
        return value == null ? "?" : (value == Math.rint(value) ? String.valueOf(value.longValue())
                : String.format(Locale.ROOT, "%.1f", value));
    }

    private static String money(Double value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
