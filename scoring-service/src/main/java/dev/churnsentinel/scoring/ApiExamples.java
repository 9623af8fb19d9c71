package dev.churnsentinel.scoring;

import dev.churnsentinel.platform.api.ApiDocument;

/** The answer and request bodies the OpenAPI document shows for scoring's operations. */
public final class ApiExamples {
    public static final String HEALTH = """
            {"customerId": "C1", "riskScore": 90.0, "tier": "RED", "stage": "DECIDED",
             "model": {"name": "churn-risk", "version": 3},
             "dimensions": [
               {"name": "BEHAVIOUR", "weight": 0.4, "score": 42.0, "signals": [
                 {"code": "VISIT_INTERVAL_UP", "detail": "visits every 96 days against a usual 41"}]},
               {"name": "SPENDING", "weight": 0.3, "score": 0.0, "signals": []},
               {"name": "ATTITUDE", "weight": 0.2, "score": 71.0, "signals": [
                 {"code": "NPS_DETRACTOR", "detail": "NPS 2"},
                 {"code": "SENTIMENT_DOWN", "detail": "tone +0.40 → -0.80 against the customer's usual"}]},
               {"name": "COMPLAINTS", "weight": 0.1, "score": 0.0, "signals": []}],
             "overrides": [
               {"rule": "HIGH_RISK_KEYWORD", "tier": "RED", "detail": "said \\"解约\\"",
                "feedbackId": "0195f3a2-7c41-7d2e-9a51-3f0c2b8e4d17", "category": "CANCELLATION",
                "evidence": "合同到期我们就解约，不想再续了。", "start": 7, "end": 9, "evidenceStart": 7, "evidenceEnd": 9},
               {"rule": "NPS_DETRACTOR", "tier": "YELLOW", "detail": "NPS 2 (detractor)"}],
             "computedAt": "2026-03-01T10:00:03+08:00"}""";
    public static final String CUSTOMERS = """
            {"items": [
               {"customerId": "C1", "riskScore": 90.0, "tier": "RED", "stage": "DECIDED", "segment": "NEV owner",
                "valueTier": "VIP", "annualValue": 5000, "computedAt": "2026-03-01T10:00:03+08:00"},
               {"customerId": "C7", "riskScore": 78.5, "tier": "ORANGE", "stage": "PROBING", "segment": "fleet",
                "valueTier": "HIGH", "annualValue": 12000, "computedAt": "2026-02-28T16:12:40+08:00"},
               {"customerId": "C4", "riskScore": 63.0, "tier": "YELLOW", "stage": "DOUBTING", "segment": "NEV owner",
                "valueTier": "STANDARD", "annualValue": 1800, "computedAt": "2026-02-27T09:41:05+08:00"}],
             "nextCursor": "AV0xLjA6ODcuNTpDNA.k3Jx8w", "total": 57}""";
    public static final String HISTORY = """
            {"items": [
               {"riskScore": 18.0, "tier": "GREEN", "stage": "SATISFIED", "computedAt": "2026-01-12T09:30:02+08:00",
                "overrides": [], "dimensions": [{"name": "BEHAVIOUR", "weight": 0.4, "score": 12.0, "signals": []}]},
               {"riskScore": 90.0, "tier": "RED", "stage": "DECIDED", "computedAt": "2026-03-01T10:00:03+08:00",
                "overrides": [{"rule": "HIGH_RISK_KEYWORD", "tier": "RED", "detail": "said \\"解约\\"",
                               "category": "CANCELLATION", "evidence": "合同到期我们就解约，不想再续了。", "start": 7, "end": 9}],
                "dimensions": [{"name": "ATTITUDE", "weight": 0.2, "score": 71.0,
                                "signals": [{"code": "NPS_DETRACTOR", "detail": "NPS 2"}]}]}],
             "nextCursor": null, "total": 2}""";
    public static final String TIER_REPORT = """
            {"asOf": "2026-03-02T00:00:00Z",
             "now": {"GREEN": {"customers": 231, "annualValue": 694000}, "YELLOW": {"customers": 41, "annualValue": 133500},
                     "ORANGE": {"customers": 19, "annualValue": 87000}, "RED": {"customers": 9, "annualValue": 61000}},
             "weeks": [{"at": "2026-02-23T00:00:00Z", "customers": {"GREEN": 240, "YELLOW": 38, "ORANGE": 16, "RED": 6}},
                       {"at": "2026-03-02T00:00:00Z", "customers": {"GREEN": 231, "YELLOW": 41, "ORANGE": 19, "RED": 9}}]}""";
    public static final String MODEL = """
            {"name": "churn-risk", "version": 3,
             "behaviourWeight": 0.4, "spendingWeight": 0.3, "attitudeWeight": 0.2, "complaintsWeight": 0.1,
             "yellowFrom": 60, "orangeFrom": 75, "redFrom": 90,
             "pointsPerPercentIntervalStretch": 1.3, "pointsPerMissedAppointment": 35,
             "pointsForNoOutreachResponse": 60, "pointsPerSilenceRhythm": 50,
             "pointsPerPercentSpendDrop": 1.25, "pointsPerAddOnPointDrop": 100,
             "pointsPerPercentPurchaseDrop": 1.0, "pointsPerPercentPurchaseGapStretch": 1.0,
             "pointsPerParticipationPointDrop": 60,
             "pointsPerSatisfactionPointDrop": 30, "pointsForLowScoresInRow": 60,
             "pointsPerDetractorStep": 12, "pointsPerSentimentDrop": 50, "pointsPerEmotionIntensity": 40,
             "pointsPerUnresolvedComplaint": 100, "pointsPerOpenComplaint": 50,
             "floorLowScoresInRow": 2, "floorMissedAppointmentsInRow": 2, "floorDeclinesInRow": 2,
             "floorSentimentDrop": 0.8, "floorSilenceRhythms": 2.0, "npsDetractorMax": 6,
             "riskEvidenceDays": 90, "recoveryMargin": 5, "alertCooldownDays": 7,
             "vocNpsWeight": 0.4, "vocInteractionWeight": 0.3, "vocResolutionWeight": 0.3, "vocNegativeWordsWeight": 0.5}""";
    public static final String VERSIONS = """
            {"items": [
               {"version": 3, "name": "churn-risk", "createdAt": "2026-02-10T14:05:11+08:00", "createdBy": "api-key:demo"},
               {"version": 2, "name": "churn-risk", "createdAt": "2026-01-20T09:12:40+08:00", "createdBy": "api-key:demo"}],
             "nextCursor": null, "total": 2}""";
    public static final String SILENCE_SCAN = """
            {"flagged": 4, "durationMs": 182, "asOf": "2026-03-02T03:00:00Z"}""";

    public static final String NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "customer C404 does not exist"}""";
    public static final String INVALID_CUSTOMER_ID = ApiDocument.INVALID_FIELD + """
            [{"field": "customerId", "message": "must be 1-100 letters, digits or . _ : -"}]}""";
    public static final String INVALID_LIST = ApiDocument.INVALID_FIELD + """
            [{"field": "cursor", "message": "was issued for another sort or other filters; repeat the first page's parameters with it"}]}""";
    public static final String INVALID_WEEKS = ApiDocument.INVALID_FIELD + """
            [{"field": "weeks", "message": "must be between 1 and 104"}]}""";
    public static final String INVALID_MODEL = ApiDocument.INVALID_FIELD + """
            [{"field": "yellowFrom", "message": "tiers need 0 < yellowFrom < orangeFrom < redFrom <= 100"}]}""";
    public static final String STALE_MODEL = """
            {"type": "about:blank", "title": "Conflict", "status": 409,
             "detail": "the scoring model is at version 4, not 3; read it again and reapply your change"}""";

    public static final String MODEL_QUALITY = """
            {"asOf": "2026-06-01T00:00:00Z", "horizonDays": 90, "lookBackDays": 180, "modelVersion": 1,
             "windowEnds": "2026-08-30T00:00:00Z", "complete": true, "customers": 3656, "churned": 158, "passive": 40,
             "renewed": 943, "churnRate": 0.0437,
             "tiers": {"GREEN": {"customers": 3230, "churned": 78, "churnRate": 0.0241, "lift": 0.55},
                       "YELLOW": {"customers": 327, "churned": 21, "churnRate": 0.0642, "lift": 1.47},
                       "ORANGE": {"customers": 9, "churned": 9, "churnRate": 1.0, "lift": 22.89},
                       "RED": {"customers": 50, "churned": 50, "churnRate": 1.0, "lift": 22.89}},
             "auc": {"value": 0.7984, "low": 0.7524, "high": 0.8431, "churners": 158, "stayers": 3458},
             "leadTimeDays": {"p25": 33.2, "p50": 55.3, "p75": 94.9, "warned": 139}, "missedChurners": 19,
             "calibration": [{"decile": 1, "minScore": 0.0, "maxScore": 0.0, "meanScore": 0.0, "customers": 361, "churned": 6, "churnRate": 0.0166},
                             {"decile": 10, "minScore": 60.0, "maxScore": 90.0, "meanScore": 64.8, "customers": 362, "churned": 80, "churnRate": 0.221}],
             "falseAlarms": {"GREEN": {"resolved": 0, "falseAlarms": 0, "retained": 0, "churned": 0, "passiveChurn": 0},
                             "YELLOW": {"resolved": 120, "falseAlarms": 41, "retained": 70, "churned": 9, "passiveChurn": 0, "falseAlarmShare": 0.3417},
                             "ORANGE": {"resolved": 9, "falseAlarms": 1, "retained": 3, "churned": 5, "passiveChurn": 0, "falseAlarmShare": 0.1111},
                             "RED": {"resolved": 46, "falseAlarms": 3, "retained": 12, "churned": 30, "passiveChurn": 1, "falseAlarmShare": 0.0652}}}""";
    public static final String TOO_LITTLE_HISTORY = """
            {"type": "about:blank", "title": "Too little history", "status": 422,
             "detail": "a backtest needs at least 50 customers with history by 2026-06-01T00:00:00Z and 5 of them cancelling within 90 days after; found 12 customers and 1 cancellations"}""";
    public static final String INVALID_HORIZON = ApiDocument.INVALID_FIELD + """
            [{"field": "horizonDays", "message": "must be a whole number between 7 and 365"}]}""";

    public static final String FIT_REQUEST = """
            {"asOf": "2026-06-01", "horizonDays": 90, "from": "2025-06-01"}""";
    public static final String FIT = """
            {"asOf": "2025-06-01T00:00:00Z", "horizonDays": 90, "from": "2024-07-01T00:00:00Z",
             "trainingDates": ["2024-07-01T00:00:00Z", "2024-07-31T00:00:00Z", "2024-08-30T00:00:00Z", "2024-09-29T00:00:00Z",
              "2024-10-29T00:00:00Z", "2024-11-28T00:00:00Z", "2024-12-28T00:00:00Z", "2025-01-27T00:00:00Z",
              "2025-02-26T00:00:00Z"],
             "training": {"samples": 11804, "churned": 312, "logLossCurrent": 0.1118, "logLossProposed": 0.0899},
             "current": {"name": "churn-risk", "version": 1, "behaviourWeight": 0.4, "spendingWeight": 0.3, "attitudeWeight":
              0.2, "complaintsWeight": 0.1, "yellowFrom": 60.0, "orangeFrom": 75.0, "redFrom": 90.0,
              "pointsPerPercentIntervalStretch": 1.3, "pointsPerMissedAppointment": 35.0, "pointsForNoOutreachResponse": 60.0,
              "pointsPerSilenceRhythm": 50.0, "pointsPerPercentSpendDrop": 1.25, "pointsPerAddOnPointDrop": 100.0,
              "pointsPerPercentPurchaseDrop": 1.0, "pointsPerPercentPurchaseGapStretch": 1.0, "pointsPerParticipationPointDrop":
              60.0, "pointsPerSatisfactionPointDrop": 30.0, "pointsForLowScoresInRow": 60.0, "pointsPerDetractorStep": 12.0,
              "pointsPerSentimentDrop": 50.0, "pointsPerEmotionIntensity": 40.0, "pointsPerUnresolvedComplaint": 100.0,
              "pointsPerOpenComplaint": 50.0, "floorLowScoresInRow": 2, "floorMissedAppointmentsInRow": 2, "floorDeclinesInRow":
              2, "floorSentimentDrop": 0.8, "floorSilenceRhythms": 2.0, "npsDetractorMax": 6, "riskEvidenceDays": 90,
              "recoveryMargin": 5.0, "alertCooldownDays": 7, "vocNpsWeight": 0.4, "vocInteractionWeight": 0.3,
              "vocResolutionWeight": 0.3, "vocNegativeWordsWeight": 0.5},
             "proposed": {"name": "churn-risk", "version": 1, "behaviourWeight": 0.4, "spendingWeight": 0.3, "attitudeWeight":
              0.2, "complaintsWeight": 0.1, "yellowFrom": 30.9, "orangeFrom": 37.6, "redFrom": 44.4,
              "pointsPerPercentIntervalStretch": 0.411, "pointsPerMissedAppointment": 35.0, "pointsForNoOutreachResponse": 60.0,
              "pointsPerSilenceRhythm": 41.1, "pointsPerPercentSpendDrop": 1.79, "pointsPerAddOnPointDrop": 100.0,
              "pointsPerPercentPurchaseDrop": 1.0, "pointsPerPercentPurchaseGapStretch": 1.0, "pointsPerParticipationPointDrop":
              60.0, "pointsPerSatisfactionPointDrop": 12.0, "pointsForLowScoresInRow": 59.3, "pointsPerDetractorStep": 12.0,
              "pointsPerSentimentDrop": 46.7, "pointsPerEmotionIntensity": 38.3, "pointsPerUnresolvedComplaint": 100.0,
              "pointsPerOpenComplaint": 49.5, "floorLowScoresInRow": 2, "floorMissedAppointmentsInRow": 2, "floorDeclinesInRow":
              2, "floorSentimentDrop": 0.8, "floorSilenceRhythms": 2.0, "npsDetractorMax": 6, "riskEvidenceDays": 90,
              "recoveryMargin": 5.0, "alertCooldownDays": 7, "vocNpsWeight": 0.4, "vocInteractionWeight": 0.3,
              "vocResolutionWeight": 0.3, "vocNegativeWordsWeight": 0.5},
             "changes": [{"field": "pointsPerPercentIntervalStretch", "current": 1.3, "proposed": 0.411}, {"field":
              "pointsPerSilenceRhythm", "current": 50.0, "proposed": 41.1}, {"field": "pointsPerPercentSpendDrop", "current":
              1.25, "proposed": 1.79}, {"field": "pointsPerSatisfactionPointDrop", "current": 30.0, "proposed": 12.0}, {"field":
              "pointsForLowScoresInRow", "current": 60.0, "proposed": 59.3}, {"field": "pointsPerSentimentDrop", "current":
              50.0, "proposed": 46.7}, {"field": "pointsPerEmotionIntensity", "current": 40.0, "proposed": 38.3}, {"field":
              "pointsPerOpenComplaint", "current": 50.0, "proposed": 49.5}, {"field": "yellowFrom", "current": 60.0, "proposed":
              30.9}, {"field": "orangeFrom", "current": 75.0, "proposed": 37.6}, {"field": "redFrom", "current": 90.0,
              "proposed": 44.4}],
             "currentBacktest": {"asOf": "2025-06-01T00:00:00Z", "horizonDays": 90, "lookBackDays": 180, "modelVersion": 1,
              "windowEnds": "2025-08-30T00:00:00Z", "complete": true, "customers": 1324, "churned": 75, "passive": 19,
              "renewed": 334, "churnRate": 0.0575, "tiers": {"GREEN": {"customers": 1158, "churned": 72, "churnRate": 0.0622,
              "lift": 1.08}, "YELLOW": {"customers": 147, "churned": 3, "churnRate": 0.0204, "lift": 0.36}, "ORANGE":
              {"customers": 0, "churned": 0}, "RED": {"customers": 0, "churned": 0}}, "auc": {"value": 0.6555, "low": 0.5912,
              "high": 0.7106, "churners": 75, "stayers": 1230}, "leadTimeDays": {"p25": 39.0, "p50": 84.4, "p75": 158.7,
              "warned": 13}, "missedChurners": 62, "calibration": [{"decile": 1, "minScore": 0.0, "maxScore": 0.0, "meanScore":
              0.0, "customers": 130, "churned": 3, "churnRate": 0.0231}, {"decile": 10, "minScore": 60.0, "maxScore": 60.0,
              "meanScore": 60.0, "customers": 131, "churned": 3, "churnRate": 0.0229}]},
             "proposedBacktest": {"asOf": "2025-06-01T00:00:00Z", "horizonDays": 90, "lookBackDays": 180, "modelVersion": 1,
              "windowEnds": "2025-08-30T00:00:00Z", "complete": true, "customers": 1324, "churned": 75, "passive": 19,
              "renewed": 334, "churnRate": 0.0575, "tiers": {"GREEN": {"customers": 1145, "churned": 59, "churnRate": 0.0515,
              "lift": 0.9}, "YELLOW": {"customers": 160, "churned": 16, "churnRate": 0.1, "lift": 1.74}, "ORANGE": {"customers":
              0, "churned": 0}, "RED": {"customers": 0, "churned": 0}}, "auc": {"value": 0.7187, "low": 0.6511, "high": 0.7809,
              "churners": 75, "stayers": 1230}, "leadTimeDays": {"p25": 35.1, "p50": 57.9, "p75": 84.3, "warned": 54},
              "missedChurners": 21, "calibration": [{"decile": 1, "minScore": 0.0, "maxScore": 0.0, "meanScore": 0.0,
              "customers": 130, "churned": 3, "churnRate": 0.0231}, {"decile": 10, "minScore": 30.9, "maxScore": 36.4,
              "meanScore": 31.2, "customers": 131, "churned": 16, "churnRate": 0.1221}]}}""";
    public static final String TOO_LITTLE_TO_FIT = """
            {"type": "about:blank", "title": "Too little history", "status": 422,
             "detail": "a fit needs at least 20 cancellations within 90 days after its training dates (2025-06-01T00:00:00Z to 2026-03-03T00:00:00Z, every 30 days); found 7 among 1210 customers as of those dates; the tenant's recorded history starts at 2025-01-04T09:00:00Z"}""";

    private ApiExamples() {
    }
}
