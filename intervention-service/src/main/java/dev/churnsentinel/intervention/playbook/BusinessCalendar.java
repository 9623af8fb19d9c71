package dev.churnsentinel.intervention.playbook;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which days people work: the working weekdays, minus public holidays, plus make-up working days (调休: China moves
 * weekend days to make long holidays). A due date that falls on a day off moves to the next working day, at the same
 * local time kept within working hours, so a 7-day care task does not fall due on a holiday.
 */
public final class BusinessCalendar {
    /** Every day is a working day: due dates stay as they are. */
    public static final BusinessCalendar NONE = new BusinessCalendar(ZoneId.of("UTC"), LocalTime.MIN, LocalTime.MAX,
            EnumSet.allOf(DayOfWeek.class), Set.of(), Set.of());

    private final ZoneId zone;
    private final LocalTime start;
    private final LocalTime end;
    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpDays;

    public BusinessCalendar(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> workingDays,
                            Set<LocalDate> holidays, Set<LocalDate> makeUpDays) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("working hours must start before they end: " + start + "-" + end);
        }
        if (workingDays.isEmpty() && makeUpDays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs working days");
        }
        this.zone = zone;
        this.start = start;
        this.end = end;
        this.workingDays = Set.copyOf(workingDays);
        this.holidays = Set.copyOf(holidays);
        this.makeUpDays = Set.copyOf(makeUpDays);
    }

    public boolean isWorkingDay(LocalDate day) {
        return makeUpDays.contains(day) || (workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day));
    }

    /** {@code due} itself when it falls on a working day; else the next working day at that time, within working hours. */
    public Instant dueOnWorkingDay(Instant due) {
        ZonedDateTime local = due.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (isWorkingDay(day)) {
            return due;
        }
        int guard = 0;
        do {
            day = day.plusDays(1);
            if (++guard > 366) {
                throw new IllegalStateException("no working day within a year of " + local);
            }
        } while (!isWorkingDay(day));
        LocalTime time = local.toLocalTime();
        LocalTime within = time.isBefore(start) ? start : time.isAfter(end) ? end : time;
        return day.atTime(within).atZone(zone).toInstant();
    }
}
