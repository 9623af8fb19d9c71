package dev.churnsentinel.ingestion.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

@ConfigMapping(prefix = "sentinel.ingestion.imports")
public interface ImportsConfig {
    /** Where uploaded files wait for their job (and for a confirmation of a guessed mapping); each is deleted when its job ends. */
    @WithDefault("${java.io.tmpdir}/sentinel-imports")
    String directory();

    /** Imports each replica runs at once; more wait their turn. */
    @WithDefault("2")
    int concurrentJobs();

    /**
     * Chunks of rows (a batch's worth each, sentinel.ingestion.max-batch-size) an import has in the intake at once, so
     * reading and validating the next chunk overlaps storing the last.
     */
    @WithDefault("4")
    int chunksInFlight();

    /** The time zone of times in a spreadsheet written without an offset, unless the upload names one. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    /** How often a replica says its imports are still running. */
    @WithDefault("30s")
    java.time.Duration heartbeat();

    /**
     * An import whose replica has not said so for this long is marked FAILED (its replica stopped, and no replica has
     * its file to resume it): the caller imports the file again, and the rows already stored come back as duplicates.
     */
    @WithDefault("5m")
    java.time.Duration staleAfter();
}
