package dev.churnsentinel.scoring.model;

import dev.churnsentinel.scoring.model.Inputs.Event;
import dev.churnsentinel.scoring.model.Inputs.Feedback;
import dev.churnsentinel.scoring.model.Inputs.RiskPhrase;
import dev.churnsentinel.scoring.model.Inputs.TextFindings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskModelTest {
    static final Instant START = Instant.parse("2025-01-06T02:00:00Z");
    /** The scenario table (story → score, tier, stage, signals), printed after the tests. */
    static final List<String> SCENARIOS = new java.util.ArrayList<>();
    final RiskModel model = new RiskModel(ModelConfig.defaults());
    final SignalUpdater updater = new SignalUpdater(0.3);
    final CustomerSignals signals = new CustomerSignals();

    @Test
    void afterSalesWorkedExampleScoresAbout75AndIsOrange() {
        for (int visit = 0; visit < 3; visit++) {
            Instant at = day(visit * 90);
            updater.apply(signals, visit(at, 1200, 5, 4));
            updater.apply(signals, satisfaction(at, 9));
        }
        Instant late = day(180 + 135);
        updater.apply(signals, visit(late, 680, 2, 0));
        updater.apply(signals, satisfaction(late, 7));
        updater.apply(signals, new Event("TICKET_OPENED", late, null, Map.of("complaint", "true")));
        updater.apply(signals, new Event("TICKET_RESOLVED", late.plusSeconds(3600), null, Map.of("resolutionSatisfaction", "4")));

        Assessment a = scenario("docs/domain.md worked example: visits 90→135 days, 1,200→680 yuan, add-ons 80%→0%, satisfaction 9→7, one unresolved complaint",
                model.assess(signals, late.plusSeconds(7200)));

        assertEquals(Tier.ORANGE, a.tier());
        assertEquals(75, a.riskScore(), 1.5);
        assertEquals(Assessment.Stage.PROBING, a.stage());
        assertEquals(List.of("VISIT_INTERVAL_UP"), codes(a, "BEHAVIOUR"));
        assertEquals(List.of("SPEND_PER_VISIT_DOWN", "ADD_ONS_REFUSED"), codes(a, "SPENDING"));
        assertEquals(List.of("SATISFACTION_DOWN"), codes(a, "ATTITUDE"));
        assertEquals(List.of("COMPLAINT_UNRESOLVED"), codes(a, "COMPLAINTS"));
        assertEquals("90 → 135 days (+50%)", a.dimensions().get(0).signals().get(0).detail());
        assertTrue(a.overrides().isEmpty(), "no floor or override fires in the worked example");
    }

    @Test
    void aNonNegatedHighRiskPhraseMakesTheCustomerRedAtOnceWithEvidence() {
        String text = "合同到期我们就解约，不想再续了。";
        updater.apply(signals, new Feedback("f-1", day(0), text, null, null,
                new TextFindings(-0.8, List.of(new RiskPhrase("CANCELLATION", "解约", false, 7, 9)), Map.of(), false)));

        Assessment a = scenario("feedback 合同到期我们就解约，不想再续了 (CANCELLATION, not negated)", model.assess(signals, day(0)));

        assertEquals(Tier.RED, a.tier());
        assertTrue(a.riskScore() >= 90);
        Assessment.Override override = a.overrides().get(0);
        assertEquals("HIGH_RISK_KEYWORD", override.rule());
        assertEquals("f-1", override.feedbackId());
        assertEquals("CANCELLATION", override.category());
        assertTrue(override.evidence().contains("解约"), override.evidence());
        assertEquals("解约", override.evidence().substring(override.evidenceStart(), override.evidenceEnd()));
        assertEquals(Assessment.Stage.DECIDED, a.stage());
    }

    @Test
    void theEvidenceOfALongTextIsAWindowAndSaysWhereThePhraseIsInIt() {
        String text = "上个月保养之后空调还是有异味，打了三次电话都说正常，合同到期我们就解约，不想再续了，请尽快联系我们处理。";
        int start = text.indexOf("解约");
        updater.apply(signals, new Feedback("f-2", day(0), text, null, null,
                new TextFindings(-0.8, List.of(new RiskPhrase("CANCELLATION", "解约", false, start, start + 2)), Map.of(), false)));

        Assessment.Override override = model.assess(signals, day(0)).overrides().get(0);
        assertEquals(start, override.start(), "in the whole text");
        assertTrue(override.evidence().startsWith("…") && override.evidence().endsWith("…"), override.evidence());
        assertEquals("解约", override.evidence().substring(override.evidenceStart(), override.evidenceEnd()));
    }

    @Test
    void aHighRiskPhraseKeepsTheCustomerRedOnlyWhileItIsRecent() {
        updater.apply(signals, new Feedback("f-3", day(0), "我们要退款", null, null,
                new TextFindings(-0.6, List.of(new RiskPhrase("REFUND", "退款", false, 3, 5)), Map.of(), false)));
        assertEquals(Tier.RED, model.assess(signals, day(89)).tier());
        updater.apply(signals, satisfaction(day(100), 9));
        Assessment later = model.assess(signals, day(100));
        assertEquals(Tier.GREEN, later.tier(), "a refund asked for 100 days ago no longer holds the customer RED");
        assertTrue(later.overrides().isEmpty());
    }

    @Test
    void theVocHealthPresetScoresNpsInteractionResolutionAndNegativeWords() {
        RiskModel voc = new RiskModel(ModelConfig.vocHealth());
        for (int i = 0; i < 4; i++) {
            updater.apply(signals, new Feedback("v-" + i, day(i * 10), null, 9, null, null));
        }
        Assessment happy = voc.assess(signals, day(31));
        assertEquals(Tier.GREEN, happy.tier());
        assertEquals(List.of("NPS", "INTERACTION", "RESOLUTION", "NEGATIVE_WORDS"),
                happy.dimensions().stream().map(Assessment.Dimension::name).toList());
        assertEquals("voc-health", happy.modelName());

        updater.apply(signals, new Feedback("v-5", day(32), null, 2, null, null));
        updater.apply(signals, new Event("TICKET_OPENED", day(32), null, Map.of("complaint", "true")));
        updater.apply(signals, new Event("TICKET_RESOLVED", day(33), null, Map.of("resolutionSatisfaction", "3")));
        Assessment unhappy = voc.assess(signals, day(90));
        // NPS 2 → 80 × 0.4; silent 57 days against a rhythm of 7.6 (the usual gap, shortened by the last contacts)
        // → 86.7 × 0.3; the one complaint unresolved → 100 × 0.3: risk 88 → RED (VoC: health below 30)
        assertEquals(Tier.RED, unhappy.tier());
        assertEquals(88.0, unhappy.riskScore(), 0.05);
    }

    @Test
    void aNegatedPhraseIsNotAnAlert() {
        updater.apply(signals, new Feedback("f-2", day(0), "我们从来没想过解约", null, null,
                new TextFindings(0.3, List.of(new RiskPhrase("CANCELLATION", "解约", true, 7, 9)), Map.of(), false)));
        assertEquals(Tier.GREEN, scenario("feedback 我们从来没想过解约 (negated)", model.assess(signals, day(0))).tier());
    }

    @Test
    void twoMissedAppointmentsInARowAreAtLeastYellow() {
        updater.apply(signals, new Event("APPOINTMENT_MISSED", day(0), null, Map.of()));
        assertEquals(Tier.GREEN, model.assess(signals, day(0)).tier());
        updater.apply(signals, new Event("APPOINTMENT_MISSED", day(14), null, Map.of()));
        Assessment a = scenario("two missed appointments in a row", model.assess(signals, day(14)));
        assertEquals(Tier.YELLOW, a.tier());
        assertTrue(a.overrides().stream().anyMatch(o -> o.rule().equals("MISSED_APPOINTMENTS")));
    }

    @Test
    void twoSatisfactionScoresOfSixInARowAreAtLeastYellow() {
        updater.apply(signals, satisfaction(day(0), 6));
        assertEquals(Tier.GREEN, model.assess(signals, day(0)).tier());
        updater.apply(signals, satisfaction(day(30), 6));
        Assessment a = scenario("two satisfaction scores of 6/10 in a row", model.assess(signals, day(30)));
        assertEquals(Tier.YELLOW, a.tier());
        assertEquals(60, a.riskScore());
    }

    @Test
    void lateDeliveriesGiveTheSameTrendsAsInOrder() {
        // 9 on day 0, 6 on day 30, 6 on day 60, delivered newest first, then the oldest
        CustomerSignals late = new CustomerSignals();
        updater.apply(late, feedback("s-3", day(60), 6, -0.7));
        updater.apply(late, feedback("s-1", day(0), 9, 0.8));
        updater.apply(late, feedback("s-2", day(30), 6, -0.6));
        CustomerSignals inOrder = new CustomerSignals();
        updater.apply(inOrder, feedback("s-1", day(0), 9, 0.8));
        updater.apply(inOrder, feedback("s-2", day(30), 6, -0.6));
        updater.apply(inOrder, feedback("s-3", day(60), 6, -0.7));

        for (CustomerSignals s : List.of(late, inOrder)) {
            assertEquals(2, s.lowSatisfactionInRow);
            assertEquals(0, s.satisfactionDeclinesInRow, "6 after 6 is no decline");
            assertEquals(6.0, s.satisfaction.recent);
            assertEquals(-0.7, s.sentiment.recent, "the newest tone is the recent one");
            assertTrue(s.sentiment.baseline > -0.7, "the older, happier tone is in the baseline");
            Assessment a = model.assess(s, day(61));
            assertEquals(Tier.YELLOW, a.tier());
            assertTrue(a.overrides().stream().anyMatch(o -> o.rule().equals("LOW_SATISFACTION_IN_ROW")));
        }
    }

    @Test
    void satisfactionFallingTwiceCountsInTimeOrder() {
        updater.apply(signals, feedback("d-3", day(60), 7, 0));
        updater.apply(signals, feedback("d-1", day(0), 9, 0));
        updater.apply(signals, feedback("d-2", day(30), 8, 0));
        assertEquals(2, signals.satisfactionDeclinesInRow);
        updater.apply(signals, feedback("d-0", day(-30), 3, 0)); // older than everything kept: changes no count
        assertEquals(2, signals.satisfactionDeclinesInRow);
        assertEquals(0, signals.lowSatisfactionInRow);
    }

    private static Feedback feedback(String id, Instant at, int satisfaction, double polarity) {
        return new Feedback(id, at, "…", null, satisfaction, new TextFindings(polarity, List.of(), Map.of(), false));
    }

    @Test
    void anNpsDetractorIsAtLeastYellow() {
        updater.apply(signals, new Feedback("f-3", day(0), null, 3, null, null));
        Assessment a = scenario("one NPS of 3 (detractor)", model.assess(signals, day(0)));
        assertEquals(Tier.YELLOW, a.tier());
        assertTrue(a.overrides().stream().anyMatch(o -> o.rule().equals("NPS_DETRACTOR")));
    }

    @Test
    void aSteadyHappyCustomerStaysGreen() {
        for (int visit = 0; visit < 5; visit++) {
            Instant at = day(visit * 90 + (visit % 2) * 5);
            updater.apply(signals, visit(at, 1150 + visit * 20, 4, 3));
            updater.apply(signals, satisfaction(at, 9));
            updater.apply(signals, new Feedback("p-" + visit, at, "服务很好", 9, null,
                    new TextFindings(0.7, List.of(), Map.of("SATISFACTION", 0.5), false)));
        }
        Assessment a = scenario("steady customer: every ~90 days, ~1,200 yuan, add-ons taken, satisfaction 9, praise",
                model.assess(signals, day(4 * 90 + 10)));
        assertEquals(Tier.GREEN, a.tier());
        assertEquals(Assessment.Stage.SATISFIED, a.stage());
        assertTrue(a.riskScore() < 30, "score " + a.riskScore());
    }

    @Test
    void silenceWellBeyondTheCustomersOwnRhythmIsAtLeastYellow() {
        for (int visit = 0; visit < 4; visit++) {
            updater.apply(signals, visit(day(visit * 90), 1000, 0, 0));
        }
        assertEquals(Tier.GREEN, scenario("90-day rhythm, 60 days since the last visit", model.assess(signals, day(270 + 60))).tier(),
                "day 60 of a 90-day rhythm is fine");
        Assessment late = scenario("90-day rhythm, 200 days since the last visit", model.assess(signals, day(270 + 200)));
        assertTrue(late.tier().compareTo(Tier.YELLOW) >= 0);
        assertTrue(late.overrides().stream().anyMatch(o -> o.rule().equals("SILENCE")));
    }

    @Test
    void purchasesComingHalfAsOftenRaiseSpendingAgainstTheCustomersOwnGap() {
        for (int purchase = 0; purchase < 5; purchase++) {
            updater.apply(signals, new Event("PURCHASE", day(purchase * 30), 500.0, Map.of()));
        }
        updater.apply(signals, new Event("PURCHASE", day(4 * 30 + 60), 500.0, Map.of()));
        updater.apply(signals, new Event("PURCHASE", day(45), 500.0, Map.of())); // late: joins no gap
        Assessment a = scenario("purchases every 30 days, then 60 days to the next", model.assess(signals, day(4 * 30 + 60)));
        assertEquals(List.of("PURCHASES_LESS_OFTEN"), codes(a, "SPENDING"));
        assertEquals(30, signals.purchaseIntervalDays.baseline, 0.01);
        assertEquals(60, signals.purchaseIntervalDays.recent, 0.01);
    }

    @Test
    void campaignsDeclinedAfterATakenUpHabitRaiseBehaviour() {
        for (int campaign = 0; campaign < 4; campaign++) {
            updater.apply(signals, new Event("CAMPAIGN_INVITED", day(campaign * 20), null, Map.of()));
            updater.apply(signals, new Event("CAMPAIGN_JOINED", day(campaign * 20 + 2), null, Map.of()));
        }
        updater.apply(signals, new Event("CAMPAIGN_INVITED", day(80), null, Map.of()));
        assertEquals(List.of(), codes(model.assess(signals, day(81)), "BEHAVIOUR"), "every invitation so far taken up");
        updater.apply(signals, new Event("CAMPAIGN_INVITED", day(100), null, Map.of())); // the one of day 80: declined
        Assessment a = scenario("4 campaigns joined, then one declined", model.assess(signals, day(101)));
        assertEquals(List.of("CAMPAIGNS_DECLINED"), codes(a, "BEHAVIOUR"));
        assertEquals(Tier.GREEN, a.tier(), "one declined campaign alone is no alarm");
    }

    @Test
    void relocationIsMarkedPassiveChurn() {
        updater.apply(signals, new Event("CUSTOMER_RELOCATED", day(0), null, Map.of()));
        assertTrue(scenario("CUSTOMER_RELOCATED (passive churn)", model.assess(signals, day(0))).overrides().stream()
                .anyMatch(o -> o.rule().equals("PASSIVE_CHURN")));
    }

    /** Notes a story's outcome for the scenario table, and returns the assessment. */
    static Assessment scenario(String story, Assessment a) {
        List<String> signals = new java.util.ArrayList<>();
        a.dimensions().forEach(d -> d.signals().forEach(signal -> signals.add(signal.code())));
        a.overrides().forEach(o -> signals.add("override " + o.rule()));
        SCENARIOS.add(String.format(java.util.Locale.ROOT, "| %s | %.1f | %s | %s | %s |", story, a.riskScore(), a.tier(),
                a.stage(), String.join(", ", signals)));
        return a;
    }

    @org.junit.jupiter.api.AfterAll
    static void printScenarioTable() {
        System.out.println("\n| story | score | tier | stage | signals |\n|---|---:|---|---|---|");
        SCENARIOS.forEach(System.out::println);
    }

    private static Instant day(int days) {
        return START.plus(Duration.ofDays(days));
    }

    private static Event visit(Instant at, double amount, int offered, int accepted) {
        return new Event("SERVICE_VISIT", at, amount,
                Map.of("addOnsOffered", String.valueOf(offered), "addOnsAccepted", String.valueOf(accepted)));
    }

    private static Feedback satisfaction(Instant at, int score) {
        return new Feedback("s-" + at, at, null, null, score, null);
    }

    private static List<String> codes(Assessment a, String dimension) {
        return a.dimensions().stream().filter(d -> d.name().equals(dimension)).findFirst().orElseThrow()
                .signals().stream().map(Assessment.Signal::code).toList();
    }
}
