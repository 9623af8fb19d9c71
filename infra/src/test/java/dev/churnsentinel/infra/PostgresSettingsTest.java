package dev.churnsentinel.infra;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SENTINEL_POSTGRES_SETTINGS, as a person running a benchmark writes it. */
class PostgresSettingsTest {
    @Test
    void pairsSeparatedBySpaces() {
        assertEquals(Map.of("shared_preload_libraries", "pg_stat_statements", "track_io_timing", "on"),
                Postgres.extraSettings(" shared_preload_libraries=pg_stat_statements  track_io_timing=on "));
        assertEquals(Map.of(), Postgres.extraSettings(null));
        assertEquals(Map.of(), Postgres.extraSettings(""));
    }

    @Test
    void aWordWithoutAValueIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Postgres.extraSettings("fsync=off track_io_timing"));
        assertEquals("SENTINEL_POSTGRES_SETTINGS: 'track_io_timing' is not name=value", refused.getMessage());
    }
}
