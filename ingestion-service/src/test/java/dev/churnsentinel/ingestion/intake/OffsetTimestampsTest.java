package dev.churnsentinel.ingestion.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fixed-position reader answers exactly as Jackson's own, and leaves everything it does not read to it. */
class OffsetTimestampsTest {
    private static ObjectMapper standard(String zone) {
        return new ObjectMapper().registerModule(new JavaTimeModule()).setTimeZone(TimeZone.getTimeZone(zone));
    }

    private static ObjectMapper ours(String zone) {
        ObjectMapper mapper = standard(zone);
        new OffsetTimestamps().customize(mapper);
        return mapper;
    }

    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, OffsetDateTime.class));
        } catch (JsonProcessingException e) {
            return "error: " + e.getOriginalMessage();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:00:00+08:00", "2026-03-01T10:00:00Z", "2026-03-01T10:00:00.5+08:00",
            "2026-03-01T10:00:00.123456789-05:30", "2026-12-31T23:59:59.999+14:00", "2024-02-29T00:00:00-00:00",
            "2026-03-29T02:30:00+01:00"})
    void readsTheCommonFormLikeJackson(String text) {
        assertNotNull(OffsetTimestamps.parse(text), "read by position");
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
        assertNull(OffsetTimestamps.parse(text), "not read by position");
        assertEquals(outcome(standard("UTC"), "\"" + text + "\""), outcome(ours("UTC"), "\"" + text + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1772330400", "1772330400.5", "[2026]", "null"})
    void otherTokensGoToJacksonToo(String json) {
        assertEquals(outcome(standard("UTC"), json), outcome(ours("UTC"), json));
    }
}
