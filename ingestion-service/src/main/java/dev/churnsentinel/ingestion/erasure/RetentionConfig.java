package dev.churnsentinel.ingestion.erasure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "sentinel.retention")
public interface RetentionConfig {
    /** Days free text is kept after it occurred, unless the tenant has its own. */
    @WithDefault("730")
    int textDays();

    /** Tenants with their own {@code text-days}. */
    Map<String, Tenant> tenants();

    /** How often the retention job looks for text past its time. */
    @WithDefault("1h")
    Duration every();

    /** Rows changed per transaction. */
    @WithDefault("1000")
    int batch();

    interface Tenant {
        int textDays();
    }
}
