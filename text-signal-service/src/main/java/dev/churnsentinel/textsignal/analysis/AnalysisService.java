package dev.churnsentinel.textsignal.analysis;

import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.textsignal.lexicon.Analysis;
import dev.churnsentinel.textsignal.lexicon.Lexicon;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads the lexicon (and HanLP's character tables) once at start-up, before readiness, and analyses texts. */
@Startup
@ApplicationScoped
public class AnalysisService {
    private final TextSignalConfig config;
    private final TextAnalyzer analyzer;
    private final MeterRegistry meters;

    public AnalysisService(TextSignalConfig config, MeterRegistry meters) {
        this.meters = meters;
        this.config = config;
        long started = System.nanoTime();
        this.analyzer = new TextAnalyzer(load(config.lexicon()));
        analyzer.analyze("warm-up", "预热：服务态度很好，不会解约。");
        Log.infof("lexicon %s loaded: %d entries in %d ms", analyzer.lexicon().version(),
                analyzer.lexicon().size(), (System.nanoTime() - started) / 1_000_000);
    }

    private static Lexicon load(String location) {
        try (InputStream in = location.startsWith("classpath:")
                ? AnalysisService.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))
                : Files.newInputStream(Path.of(location))) {
            if (in == null) {
                throw new IOException("lexicon " + location + " not found");
            }
            return Lexicon.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load lexicon " + location, e);
        }
    }

    public String lexiconVersion() {
        return analyzer.lexicon().version();
    }

    /** Analyses one text; an empty or oversized text is refused naming {@code field}. */
    public Analysis analyze(String id, String text, String field) {
        List<Problem.FieldError> errors = validate(text, field);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Analysis analysis = analyzer.analyze(id, text);
        // sentinel_signals_total{category, negated}: what customers' texts are found to say
        for (Analysis.RiskKeyword risk : analysis.riskKeywords()) {
            meters.counter("sentinel.signals", "category", risk.category(), "negated", Boolean.toString(risk.negated()))
                    .increment();
        }
        return analysis;
    }

    public List<Problem.FieldError> validate(String text, String field) {
        if (text == null || text.isBlank()) {
            return List.of(new Problem.FieldError(field, "must not be empty"));
        }
        if (text.length() > config.maxTextLength()) {
            return List.of(new Problem.FieldError(field, "must be at most " + config.maxTextLength() + " characters"));
        }
        return List.of();
    }

    public int maxBatchSize() {
        return config.maxBatchSize();
    }
}
