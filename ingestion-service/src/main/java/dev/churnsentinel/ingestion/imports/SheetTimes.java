package dev.churnsentinel.ingestion.imports;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Moments as spreadsheets write them, made ISO-8601 with an offset as the API takes them: {@code 2026-03-01T10:00:00+08:00}
 * as it is; {@code 2026-03-01 10:00}, {@code 2026/3/1 10:00:05} and an XLSX date cell's {@code 2026-03-01T10:00} in the
 * import's time zone; a date alone ({@code 2026-03-01}) at its start.
 */
final class SheetTimes {
    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, java.time.format.SignStyle.NEVER).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NEVER)
            .optionalStart().appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NEVER).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(java.time.chrono.IsoChronology.INSTANCE);

    private SheetTimes() {
    }

    /** The moment in ISO-8601 with an offset, or null when the text is no date this reads (the API then says why). */
    static String iso(String text, ZoneId zone) {
        String t = text.strip().replace('/', '-');
        int space = t.indexOf(' ');
        if (space > 0) {
            t = t.substring(0, space) + 'T' + t.substring(space + 1).strip();
        }
        try {
            TemporalAccessor parsed = LENIENT.parse(t);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toString();
            }
            return LocalDateTime.from(parsed).atZone(zone).toOffsetDateTime().toString();
        } catch (java.time.DateTimeException e) { // unreadable (DateTimeParseException) or no such date
            return null;
        }
    }
}
