package dev.churnsentinel.platform.api;

import dev.churnsentinel.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryValuesTest {

    @Test
    void absentValuesAreNull() {
        assertNull(QueryValues.bool("overdue", null));
        assertNull(QueryValues.anyOf("tier", " ", Set.of("RED")));
        assertNull(QueryValues.time("updatedSince", ""));
    }

    @Test
    void valuesAreReadStrictly() {
        assertEquals(Set.of("RED", "ORANGE"), QueryValues.anyOf("tier", "red,ORANGE", Set.of("RED", "ORANGE", "GREEN")));
        assertEquals(true, QueryValues.bool("overdue", "TRUE"));
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00Z"), QueryValues.time("updatedSince", "2026-12-01"));
        assertEquals(OffsetDateTime.parse("2026-12-01T08:00+08:00"), QueryValues.time("updatedSince", "2026-12-01T08:00:00+08:00"));
        assertEquals(75.5, QueryValues.number("minScore", "75.5", 0, 100));
        assertEquals(500, QueryValues.integer("limit", "500", 1, 500));
    }

    @Test
    void badValuesAre400sNamingTheParameter() {
        assertEquals("must be a comma-separated list of [GREEN, RED]", error(() -> QueryValues.anyOf("tier", "purple", Set.of("RED", "GREEN"))));
        assertEquals("must be a comma-separated list of [GREEN, RED]", error(() -> QueryValues.anyOf("tier", "RED,,", Set.of("RED", "GREEN"))));
        assertEquals("must be true or false", error(() -> QueryValues.bool("overdue", "yes")));
        assertEquals("must be a whole number between 1 and 500", error(() -> QueryValues.integer("limit", "501", 1, 500)));
        assertEquals("must be a number between 0 and 100", error(() -> QueryValues.number("minScore", "NaN", 0, 100)));
        assertEquals("must be a UUID", error(() -> QueryValues.uuid("taskId", "42")));
        assertEquals("must be after createdSince", error(() -> QueryValues.period("created", "2026-12-02", "2026-12-01")));
        assertEquals("must be one of [dueAt, updatedAt]",
                error(() -> QueryValues.choice("sort", "-dueAt", java.util.Map.of("dueAt", 1, "updatedAt", 2), "dueAt")));
    }

    private static String error(Runnable read) {
        ProblemException e = assertThrows(ProblemException.class, read::run);
        List<dev.churnsentinel.platform.problem.Problem.FieldError> errors = e.problem().errors();
        assertEquals(1, errors.size());
        return errors.get(0).message();
    }
}
