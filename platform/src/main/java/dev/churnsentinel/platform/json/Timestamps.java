package dev.churnsentinel.platform.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.BiFunction;

/**
 * Reads and writes the timestamp forms the services meet nearly always by their fixed positions instead of through
 * {@code DateTimeFormatter}, and leaves everything else (and anything out of range) to Jackson's own java.time
 * (de)serializers, whose answers and errors it therefore keeps:
 * <ul>
 *   <li>an {@code OffsetDateTime} as integrators send it — {@code 2026-03-01T10:00:00+08:00}, with or without a
 *   fraction of up to nine digits, or with {@code Z} (the formatter took a tenth of ingestion's time on batches);</li>
 *   <li>an {@code Instant} in ISO form with {@code Z}, read and written — as scoring keeps the times in a customer's
 *   signals (the formatter took a third of reading them, a quarter of writing them).</li>
 * </ul>
 */
@Singleton
public class Timestamps implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("fixed-position-timestamps")
                .addDeserializer(OffsetDateTime.class, new Reader<>(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME,
                        Timestamps::offsetDateTime))
                .addDeserializer(Instant.class, new Reader<>(Instant.class, InstantDeserializer.INSTANT, Timestamps::instant))
                .addSerializer(Instant.class, new InstantWriter(InstantSerializer.INSTANCE)));
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY; // after Quarkus registers the java.time module, so this one wins
    }

    /** A value of the fixed form by position ({@code fast} answers null for anything else), all others as Jackson. */
    static final class Reader<T> extends StdDeserializer<T> {
        private final JsonDeserializer<T> standard;
        private final BiFunction<String, DeserializationContext, T> fast;

        Reader(Class<T> type, JsonDeserializer<T> standard, BiFunction<String, DeserializationContext, T> fast) {
            super(type);
            this.standard = standard;
            this.fast = fast;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                T value = fast.apply(parser.getText(), context);
                if (value != null) {
                    return value;
                }
            }
            return standard.deserialize(parser, context);
        }
    }

    private static OffsetDateTime offsetDateTime(String text, DeserializationContext context) {
        OffsetDateTime value = parse(text);
        if (value == null || !context.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
            return value;
        }
        ZoneId zone = context.getTimeZone().toZoneId(); // as Jackson's own adjusts it
        return value.withOffsetSameInstant(zone.getRules().getOffset(value.toLocalDateTime()));
    }

    private static Instant instant(String text, DeserializationContext context) {
        OffsetDateTime value = text.endsWith("Z") ? parse(text) : null;
        return value == null ? null : value.toInstant();
    }

    static final class InstantWriter extends StdSerializer<Instant> implements ContextualSerializer {
        private final InstantSerializer standard;

        InstantWriter(InstantSerializer standard) {
            super(Instant.class);
            this.standard = standard;
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) throws JsonMappingException {
            JsonSerializer<?> contextual = standard.createContextual(provider, property);
            return contextual == standard ? this : contextual; // a @JsonFormat of the property: Jackson's own
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            char[] text = provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS) ? null : format(value);
            if (text == null) {
                standard.serialize(value, generator, provider);
            } else {
                generator.writeString(text, 0, text.length);
            }
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, or null for anything else (or out of range). */
    static OffsetDateTime parse(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            int count = at - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int hours = digits(text, at + 1, 2);
            int minutes = digits(text, at + 4, 2);
            if ((hours | minutes) < 0) {
                return null;
            }
            int sign = text.charAt(at) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * As {@link Instant#toString()} (ISO, UTC, {@code Z}, the fraction in groups of three digits as needed), for years
     * 0 to 9999; null for any other year (Jackson's own writes those).
     */
    static char[] format(Instant value) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return null;
        }
        int nanos = value.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (fraction == 0 ? 0 : fraction + 1)];
        put(text, 0, year, 4);
        text[4] = '-';
        put(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, time.getHour(), 2);
        text[13] = ':';
        put(text, 14, time.getMinute(), 2);
        text[16] = ':';
        put(text, 17, time.getSecond(), 2);
        if (fraction > 0) {
            text[19] = '.';
            put(text, 20, fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction);
        }
        text[text.length - 1] = 'Z';
        return text;
    }

    /** Writes {@code value} as {@code count} decimal digits, zero-padded, at {@code from}. */
    private static void put(char[] text, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number of {@code count} digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
