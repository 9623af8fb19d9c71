package dev.churnsentinel.platform.api;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeysetTest {
    record Row(double score, String id) {
    }

    @Test
    void afterIsTheLexicographicPredicateOfTheSortKey() {
        Keyset<Row> urgency = Keyset.of("urgency",
                Keyset.Column.desc("riskScore", Keyset.Type.NUMBER, Row::score),
                Keyset.Column.asc("customerId", Keyset.Type.TEXT, Row::id));
        Map<String, Object> parameters = new HashMap<>();
        String predicate = urgency.after(urgency.position(new Row(93.5, "C001")), parameters);
        assertEquals("(riskScore < :k0 or (riskScore = :k0 and customerId > :k1))", predicate);
        assertEquals(Map.of("k0", 93.5, "k1", "C001"), parameters);
        assertEquals("riskScore desc, customerId asc", urgency.orderBy());
    }

    @Test
    void valuesComeBackWithTheirTypes() {
        record Task(OffsetDateTime due, UUID id) {
        }
        Keyset<Task> due = Keyset.of("dueAt", Keyset.Column.asc("dueAt", Keyset.Type.TIME, Task::due),
                Keyset.Column.asc("id", Keyset.Type.UUID, Task::id));
        Task task = new Task(OffsetDateTime.parse("2026-12-05T10:00:00.123456+08:00"), UUID.randomUUID());
        Map<String, Object> parameters = new HashMap<>();
        due.after(due.position(task), parameters);
        assertEquals(task.due(), parameters.get("k0"));
        assertEquals(task.id(), parameters.get("k1"));
        assertEquals(List.of("2026-12-05T10:00:00.123456+08:00", task.id().toString()), due.position(task));
    }
}
