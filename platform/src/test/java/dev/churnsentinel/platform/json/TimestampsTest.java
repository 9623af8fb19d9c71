package dev.churnsentinel.platform.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fixed-position reader and writer answer exactly as Jackson's own, and leave everything else to it. */
class TimestampsTest {
    private static ObjectMapper standard(String zone) {
        return new ObjectMapper().registerModule(new JavaTimeModule()).setTimeZone(TimeZone.getTimeZone(zone))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS); // as Quarkus configures it
    }

    private static ObjectMapper ours(String zone) {
        ObjectMapper mapper = standard(zone);
        new Timestamps().customize(mapper);
        return mapper;
    }

    private static String outcome(ObjectMapper mapper, String json) {
        return outcome(mapper, json, OffsetDateTime.class);
    }

    private static String outcome(ObjectMapper mapper, String json, Class<?> type) {
        try {
            return String.valueOf(mapper.readValue(json, type));
        } catch (JsonProcessingException e) {
            return "error: " + e.getOriginalMessage();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:00:00+08:00", "2026-03-01T10:00:00Z", "2026-03-01T10:00:00.5+08:00",
            "2026-03-01T10:00:00.123456789-05:30", "2026-12-31T23:59:59.999+14:00", "2024-02-29T00:00:00-00:00",
            "2026-03-29T02:30:00+01:00"})
    void readsTheCommonFormLikeJackson(String text) {
        assertNotNull(Timestamps.parse(text), "read by position");
        for (String zone : new String[] {"UTC", "Asia/Shanghai", "Europe/Berlin"}) {
            assertEquals(outcome(standard(zone), "\"" + text + "\""), outcome(ours(zone), "\"" + text + "\""), zone);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:00+08:00", "2026-03-01t10:00:00z", "2026-03-01T10:00:00+08:00:00",
            "2026-02-30T10:00:00+08:00", "2026-03-01T24:00:00Z", "2026-03-01T10:00:00.+08:00",
            "2026-03-01T10:00:00.1234567891Z", "2026-03-01T10:00:00+19:00", "2026-03-01 10:00:00+08:00", "+12026-03-01T10:00:00Z",
            "2026-03-01T10:00:00", "yesterday", "2026-03-01T10:00:00+0800"})
    void leavesEverythingElseToJackson(String text) {
        assertNull(Timestamps.parse(text), "not read by position");
        assertEquals(outcome(standard("UTC"), "\"" + text + "\""), outcome(ours("UTC"), "\"" + text + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1772330400", "1772330400.5", "[2026]", "null"})
    void otherTokensGoToJacksonToo(String json) {
        assertEquals(outcome(standard("UTC"), json), outcome(ours("UTC"), json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:00:00Z", "2026-03-01T10:00:00.5Z", "2026-03-01T10:00:00.123456789Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2024-02-29T12:00:00.010Z"})
    void readsInstantsLikeJackson(String text) {
        assertNotNull(Timestamps.parse(text), "read by position");
        assertEquals(outcome(standard("UTC"), "\"" + text + "\"", Instant.class), outcome(ours("Asia/Shanghai"), "\"" + text + "\"", Instant.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-03-01T10:00:00+08:00\"", "\"2026-02-30T10:00:00Z\"", "\"+12026-03-01T10:00:00Z\"",
            "\"2026-03-01T10:00Z\"", "\"soon\"", "1772330400", "1772330400.5", "null"})
    void leavesOtherInstantsToJackson(String json) {
        assertEquals(outcome(standard("UTC"), json, Instant.class), outcome(ours("UTC"), json, Instant.class));
    }

    @Test
    void writesInstantsLikeJacksonAndReadsThemBack() throws JsonProcessingException {
        Random random = new Random(7);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2026-03-01T10:00:00.100Z"), Instant.parse("2026-03-01T10:00:00.000100Z")));
        for (int i = 0; i < 10_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400); // years -1 to 10000
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        ObjectMapper standard = standard("UTC");
        ObjectMapper ours = ours("Asia/Shanghai");
        for (Instant instant : instants) {
            String written = ours.writeValueAsString(instant);
            assertEquals(standard.writeValueAsString(instant), written, instant::toString);
            assertEquals(instant, ours.readValue(written, Instant.class));
        }
    }

    /** A property's own format, and timestamps as numbers, stay Jackson's. */
    @Test
    void formatsAskedForStayJacksons() throws JsonProcessingException {
        record Stamped(@JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant at, Instant plain) {
        }
        Stamped value = new Stamped(Instant.parse("2026-03-01T10:00:00.5Z"), Instant.parse("2026-03-01T10:00:00.5Z"));
        assertEquals(standard("UTC").writeValueAsString(value), ours("UTC").writeValueAsString(value));
        assertEquals(standard("UTC").enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(value),
                ours("UTC").enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(value));
    }
}
