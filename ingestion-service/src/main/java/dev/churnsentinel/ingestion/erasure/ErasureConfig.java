package dev.churnsentinel.ingestion.erasure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

@ConfigMapping(prefix = "sentinel.erasure")
public interface ErasureConfig {
    /** The services that hold a customer's data besides ingestion, each confirming its part of an erasure. */
    @WithDefault("scoring-service,intervention-service")
    List<String> services();
}
