package dev.churnsentinel.textsignal.analysis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sentinel.text-signal")
public interface TextSignalConfig {
    /** The lexicon to load: {@code classpath:lexicon/base.tsv} or a file path. */
    @WithDefault("classpath:lexicon/base.tsv")
    String lexicon();

    /** Longest text accepted, in characters. */
    @WithDefault("10000")
    int maxTextLength();

    /** Most texts in one batch request. */
    @WithDefault("1000")
    int maxBatchSize();
}
