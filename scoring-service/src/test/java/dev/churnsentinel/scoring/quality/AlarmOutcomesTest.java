package dev.churnsentinel.scoring.quality;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AlarmOutcomesTest {
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant END = Instant.parse("2025-08-30T00:00:00Z");

    private static AlarmOutcomes.Resolved task(String tier, String kind, String outcome, String resolvedAt) {
        return new AlarmOutcomes.Resolved(tier, kind, outcome, Instant.parse(resolvedAt));
    }

    @Test
    void eachTiersTasksResolvedWithinTheWindowAreCountedByOutcomeWithTheShareOfFalseAlarms() {
        Map<String, ModelQuality.TaskOutcomes> byTier = AlarmOutcomes.count(List.of(
                task("RED", "RESCUE", "FALSE_ALARM", "2025-06-10T08:00:00Z"),
                task("RED", "RESCUE", "RETAINED", "2025-07-01T08:00:00Z"),
                task("RED", "RESCUE", "CHURNED", "2025-07-02T08:00:00Z"),
                task("RED", "RESCUE", "PASSIVE_CHURN", "2025-07-03T08:00:00Z"),
                task("YELLOW", "CARE", "FALSE_ALARM", "2025-06-02T08:00:00Z"),
                task("YELLOW", "CARE", "FALSE_ALARM", "2025-06-03T08:00:00Z"),
                task("YELLOW", "CARE", "RETAINED", "2025-06-04T08:00:00Z")), AS_OF, END);

        assertEquals(List.of("GREEN", "YELLOW", "ORANGE", "RED"), List.copyOf(byTier.keySet()));
        assertEquals(new ModelQuality.TaskOutcomes(4, 1, 1, 1, 1, 0.25), byTier.get("RED"));
        assertEquals(new ModelQuality.TaskOutcomes(3, 2, 1, 0, 0, 0.6667), byTier.get("YELLOW"));
        assertEquals(new ModelQuality.TaskOutcomes(0, 0, 0, 0, 0, null), byTier.get("ORANGE"));
        assertNull(byTier.get("GREEN").falseAlarmShare(), "no share without a resolved task");
    }

    @Test
    void theWindowStartsAfterTheDateAndEndsWithItsLastInstant() {
        Map<String, ModelQuality.TaskOutcomes> byTier = AlarmOutcomes.count(List.of(
                task("ORANGE", "INTERVENE", "FALSE_ALARM", "2025-06-01T00:00:00Z"),
                task("ORANGE", "INTERVENE", "FALSE_ALARM", "2025-06-01T00:00:01Z"),
                task("ORANGE", "INTERVENE", "FALSE_ALARM", "2025-08-30T00:00:00Z"),
                task("ORANGE", "INTERVENE", "FALSE_ALARM", "2025-08-30T00:00:01Z")), AS_OF, END);

        assertEquals(2, byTier.get("ORANGE").resolved());
        assertEquals(2, byTier.get("ORANGE").falseAlarms());
        assertEquals(1.0, byTier.get("ORANGE").falseAlarmShare());
    }

    @Test
    void anExitSurveyIsNotAnAlarmAndIsLeftOut() {
        Map<String, ModelQuality.TaskOutcomes> byTier = AlarmOutcomes.count(List.of(
                task("RED", "RESCUE", "CHURNED", "2025-06-10T08:00:00Z"),
                task("RED", "EXIT_SURVEY", "CHURNED", "2025-06-12T08:00:00Z")), AS_OF, END);

        assertEquals(new ModelQuality.TaskOutcomes(1, 0, 0, 1, 0, 0.0), byTier.get("RED"));
    }

    @Test
    void anOutcomeAddedLaterCountsAsResolvedButInNoColumn() {
        Map<String, ModelQuality.TaskOutcomes> byTier = AlarmOutcomes.count(List.of(
                task("RED", "RESCUE", "UPSOLD", "2025-06-10T08:00:00Z"),
                task("RED", "RESCUE", "FALSE_ALARM", "2025-06-11T08:00:00Z")), AS_OF, END);

        assertEquals(new ModelQuality.TaskOutcomes(2, 1, 0, 0, 0, 0.5), byTier.get("RED"));
    }
}
