package dev.churnsentinel.scoring.erasure;

import dev.churnsentinel.proto.events.v1.CustomerErasureRequested;
import dev.churnsentinel.proto.events.v1.ErasureStep;
import dev.churnsentinel.proto.events.v1.FeedbackReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErasureRequestTest {

    private static IngestRecord erasure(String tenant, String customer, String erasureId, String requestedAt) {
        return IngestRecord.newBuilder().setId("R1").setTenant(tenant).setCustomerId(customer)
                .setErasure(CustomerErasureRequested.newBuilder().setErasureId(erasureId).setRequestedAt(requestedAt)
                        .setRequestedBy("dpo")).build();
    }

    @Test
    void aRequestNamesTheCustomerAndFilesWhatIsKeptUnderTheErasure() {
        ErasureRequest request = ErasureRequest.of(erasure("acme", "C-7", "E-1", "2026-03-01T10:00:00Z"));
        assertEquals(new ErasureRequest("E-1", "acme", "C-7", Instant.parse("2026-03-01T10:00:00Z")), request);
        assertEquals("erased:E-1", request.anonymousId());
        assertEquals("acme/C-7", request.key());
    }

    @Test
    void aRequestTimeThatCannotBeReadIsLeftOutButTheErasureStands() {
        assertNull(ErasureRequest.of(erasure("acme", "C-7", "E-1", "yesterday")).requestedAt());
        assertNull(ErasureRequest.of(erasure("acme", "C-7", "E-1", "")).requestedAt());
    }

    @Test
    void aRequestWithoutTenantCustomerOrErasureIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ErasureRequest.of(erasure("", "C-7", "E-1", "")));
        assertThrows(IllegalArgumentException.class, () -> ErasureRequest.of(erasure("acme", " ", "E-1", "")));
        assertThrows(IllegalArgumentException.class, () -> ErasureRequest.of(erasure("acme", "C-7", "", "")));
        IngestRecord feedback = IngestRecord.newBuilder().setId("R2").setTenant("acme").setCustomerId("C-7")
                .setFeedback(FeedbackReceived.newBuilder().setText("hi")).build();
        assertThrows(IllegalArgumentException.class, () -> ErasureRequest.of(feedback));
    }

    @Test
    void theStepSaysWhoErasedWhatAndWhen() {
        ErasureStep step = new ErasureRequest("E-1", "acme", "C-7", null)
                .step(Map.of("health", 1L, "history", 3L, "signalLog", 12L, "taskOutcomes", 0L),
                        Instant.parse("2026-03-02T08:00:00Z"));
        assertEquals("E-1", step.getErasureId());
        assertEquals("acme", step.getTenant());
        assertEquals("C-7", step.getCustomerId());
        assertEquals("scoring-service", step.getService());
        assertEquals("2026-03-02T08:00:00Z", step.getDoneAt());
        assertEquals(Map.of("health", 1L, "history", 3L, "signalLog", 12L, "taskOutcomes", 0L), step.getCountsMap());
    }

    @Test
    void aBatchIsCutAfterEachErasureSoWhatFollowsStartsAfresh() {
        // e marks an erasure
        assertEquals(List.of(List.of("a", "b")), ErasureRequest.parts(List.of("a", "b"), s -> s.startsWith("e")));
        assertEquals(List.of(List.of("a", "e1"), List.of("b", "e2"), List.of("c")),
                ErasureRequest.parts(List.of("a", "e1", "b", "e2", "c"), s -> s.startsWith("e")));
        assertEquals(List.of(List.of("e1"), List.of("e2")), ErasureRequest.parts(List.of("e1", "e2"), s -> s.startsWith("e")));
        assertEquals(List.of(), ErasureRequest.parts(List.<String>of(), s -> s.startsWith("e")));
    }
}
