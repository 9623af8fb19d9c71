package dev.churnsentinel.scoring.retention;

import dev.churnsentinel.platform.retention.TextRetention;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** How long scoring keeps customers' text, and how the retention job runs. */
@ConfigMapping(prefix = "sentinel.retention")
public interface RetentionConfig {
    /** Days the evidence quotes are kept, for every tenant without days of its own. */
    @WithDefault("730")
    int textDays();

    /** Tenants with days of their own: {@code sentinel.retention.tenants.<tenant>.text-days}. */
    Map<String, Tenant> tenants();

    /** How often the retention job runs. */
    @WithDefault("1d")
    Duration every();

    /** Rows the job reads (customers) or strips (tier history) per transaction. */
    @WithDefault("1000")
    int batch();

    interface Tenant {
        int textDays();
    }

    /** The rule these settings make. */
    default TextRetention rule() {
        return new TextRetention(textDays(), tenants().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().textDays())));
    }
}
