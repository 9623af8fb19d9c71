package dev.churnsentinel.ingestion.erasure;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErasureTest {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final List<String> EXPECTED = List.of("scoring-service", "intervention-service");

    @Test
    void anErasureIsInProgressUntilEveryServiceHasConfirmed() {
        Erasure.Step scoring = new Erasure.Step("scoring-service", Erasure.Status.DONE, AT.plusSeconds(1), Map.of("health", 1L));
        Erasure erasure = Erasure.of(UUID.randomUUID(), "C1", AT, "api-key:demo", Map.of("feedback", 3L),
                List.of(scoring), EXPECTED);
        assertEquals(Erasure.Status.IN_PROGRESS, erasure.status());
        assertEquals(List.of("ingestion-service", "scoring-service", "intervention-service"),
                erasure.services().stream().map(Erasure.Step::service).toList());
        assertEquals(Erasure.Status.DONE, erasure.services().get(0).status());
        assertEquals(Map.of("feedback", 3L), erasure.services().get(0).counts());
        assertEquals(Erasure.Status.IN_PROGRESS, erasure.services().get(2).status());

        Erasure.Step intervention = new Erasure.Step("intervention-service", Erasure.Status.DONE, AT.plusSeconds(2), Map.of());
        Erasure.Step unexpected = new Erasure.Step("archive-service", Erasure.Status.DONE, AT.plusSeconds(3), Map.of());
        Erasure done = Erasure.of(erasure.id(), "C1", AT, "api-key:demo", Map.of(), List.of(intervention, unexpected, scoring),
                EXPECTED);
        assertEquals(Erasure.Status.DONE, done.status());
        assertEquals(List.of("ingestion-service", "scoring-service", "intervention-service", "archive-service"),
                done.services().stream().map(Erasure.Step::service).toList());
    }
}
