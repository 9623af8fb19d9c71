package dev.churnsentinel.intervention.task;

import dev.churnsentinel.proto.events.v1.CustomerErasureRequested;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a poll of ingested records is cut so that an erasure applies where it stands among the profiles. */
class IngestRunsTest {
    private static IngestRecord profile(String id) {
        return IngestRecord.newBuilder().setId(id).setCustomer(CustomerUpserted.getDefaultInstance()).build();
    }

    private static IngestRecord erasure(String id) {
        return IngestRecord.newBuilder().setId(id).setErasure(CustomerErasureRequested.getDefaultInstance()).build();
    }

    private static List<List<String>> ids(List<List<IngestRecord>> runs) {
        return runs.stream().map(run -> run.stream().map(IngestRecord::getId).toList()).toList();
    }

    @Test
    void profilesGoTogetherAndEachErasureAloneInOrder() {
        assertEquals(List.of(List.of("p1", "p2"), List.of("e1"), List.of("e2"), List.of("p3")),
                ids(TaskService.runs(List.of(profile("p1"), profile("p2"), erasure("e1"), erasure("e2"), profile("p3")))));
        assertEquals(List.of(List.of("e1")), ids(TaskService.runs(List.of(erasure("e1")))));
        assertEquals(List.of(List.of("p1")), ids(TaskService.runs(List.of(profile("p1")))));
        assertEquals(List.of(), TaskService.runs(List.of()));
    }
}
