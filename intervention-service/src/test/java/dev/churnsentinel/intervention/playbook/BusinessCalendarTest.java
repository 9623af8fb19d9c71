package dev.churnsentinel.intervention.playbook;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessCalendarTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // National Day week 2026: 1-7 October off, Saturday 10 October a make-up working day
    static final BusinessCalendar CHINA = new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5),
                    LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7)),
            Set.of(LocalDate.of(2026, 10, 10)));

    static Instant at(int month, int day, int hour) {
        return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI).toInstant();
    }

    @Test
    void aCareTaskThatWouldFallDueInTheHolidayWeekFallsDueOnTheFirstWorkingDayAfter() {
        Instant opened = at(9, 29, 15);
        Instant due = CHINA.dueOnWorkingDay(opened.plus(Duration.ofDays(7))); // Tuesday 6 October, a holiday
        assertEquals(at(10, 8, 15), due);
    }

    @Test
    void aMakeUpSaturdayIsAWorkingDayAndAPlainSundayIsNot() {
        assertTrue(CHINA.isWorkingDay(LocalDate.of(2026, 10, 10)));
        assertFalse(CHINA.isWorkingDay(LocalDate.of(2026, 10, 11)));
        assertEquals(at(10, 10, 11), CHINA.dueOnWorkingDay(at(10, 10, 11)));
        assertEquals(at(10, 12, 11), CHINA.dueOnWorkingDay(at(10, 11, 11)), "Sunday moves to Monday");
    }

    @Test
    void aMovedDueDateStaysWithinWorkingHours() {
        assertEquals(at(10, 12, 18), CHINA.dueOnWorkingDay(at(10, 11, 23)));
        assertEquals(at(10, 12, 9), CHINA.dueOnWorkingDay(at(10, 11, 6)));
        assertEquals(at(10, 9, 23), CHINA.dueOnWorkingDay(at(10, 9, 23)), "a working day's due date is never moved");
    }

    @Test
    void thePlannerUsesTheCalendarOnlyWhereThePlaybookAsksForIt() throws Exception {
        Playbooks playbooks = PlaybookRulesTest.defaults();
        TaskPlanner planner = new TaskPlanner(CHINA);
        Instant opened = at(9, 29, 15);
        assertEquals(at(10, 8, 15), planner.plan(new TaskPlanner.Alert(Tier.YELLOW, false, false), null, playbooks, opened).dueAt());
        // RED stays 24 h even across a holiday
        Instant holiday = at(10, 1, 10);
        assertEquals(holiday.plus(Duration.ofHours(24)),
                planner.plan(new TaskPlanner.Alert(Tier.RED, false, false), null, playbooks, holiday).dueAt());
    }
}
