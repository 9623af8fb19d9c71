package dev.churnsentinel.textsignal.analysis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "sentinel.text-signal")
public interface TextSignalConfig {
    /** The lexicon to load: {@code classpath:lexicon/base.tsv} or a file path. */
    @WithDefault("classpath:lexicon/base.tsv")
    String lexicon();

    /** The sentiment model: {@code classpath:sentiment/model.bin} or a file path (a model you trained). */
    @WithDefault("classpath:sentiment/model.bin")
    String sentimentModel();

    /**
     * The clause classifier that judges each risk phrase (dismissing praise, settled matters, other people's and
     * hypothetical talk, information questions): {@code classpath:clause/model.tsv}, a file path (one you trained with
     * ClauseTrainer), or {@code none} to count every phrase that is not negated, as before it existed.
     */
    @WithDefault("classpath:clause/model.tsv")
    String clauseModel();

    /**
     * The risk detector that reads risks in sentences holding no listed phrase: {@code classpath:clause/detector.tsv},
     * a file path (one you trained with DetectorTrainer), or {@code none} to count listed phrases only.
     */
    @WithDefault("classpath:clause/detector.tsv")
    String riskDetector();

    /**
     * A directory of tenants' own lexicon additions, one {@code TENANT.tsv} per tenant in the base lexicon's
     * format; files are re-read when they change (no restart). Absent: the base lexicon only.
     */
    Optional<String> tenantLexicons();

    /** How often the tenant lexicon directory is looked at. */
    @WithDefault("5s")
    Duration tenantLexiconsPoll();

    /** Longest text accepted, in characters. */
    @WithDefault("10000")
    int maxTextLength();

    /**
     * The keys a gRPC caller (scoring) must present as {@code authorization: Bearer KEY}: plain, or
     * {@code sha256:HEX}; several while one is rotated. Required in prod; absent elsewhere: calls are let in.
     */
    Optional<List<String>> callerKeys();

    /** Most texts in one batch request. */
    @WithDefault("1000")
    int maxBatchSize();
}
