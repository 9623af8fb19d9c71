package dev.churnsentinel.textsignal.analysis;

import dev.churnsentinel.platform.jobs.Repeater;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.textsignal.clause.ClauseFeatures;
import dev.churnsentinel.textsignal.clause.ClauseModel;
import dev.churnsentinel.textsignal.clause.RiskDetector;
import dev.churnsentinel.textsignal.lexicon.Analysis;
import dev.churnsentinel.textsignal.lexicon.Lexicon;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;
import dev.churnsentinel.textsignal.sentiment.SentimentModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the lexicon, the sentiment model (and HanLP's character tables) once at start-up, before readiness,
 * warms them up, and analyses texts with the tenant's lexicon: the base one plus the tenant's own additions when
 * it has a file in the tenant lexicon directory (watched, see {@link TenantLexicons}).
 */
@Startup
@ApplicationScoped
public class AnalysisService {
    private static final String WARM_UP = "预热：服务态度很好，不会解约。价格有点贵，但是质量不错！The price is fine.";

    private final TextSignalConfig config;
    private final TextAnalyzer base;
    private final TenantLexicons tenants;
    private final Repeater watcher;
    private final MeterRegistry meters;
    /**
     * sentinel_signals_total{category, negated}: what customers' texts are found to say,
     * sentinel_signals_inferred_total{category}: the risks the risk detector read in sentences without a phrase, and
     * sentinel_signals_dismissed_total{category, reason}: the phrases the clause classifier did not count (looked up
     * once each).
     */
    private final Map<String, Counter> signals = new ConcurrentHashMap<>();

    public AnalysisService(TextSignalConfig config, MeterRegistry meters) {
        this.meters = meters;
        this.config = config;
        long started = System.nanoTime();
        this.base = new TextAnalyzer(
                open(config.lexicon(), in -> Lexicon.read(new InputStreamReader(in, StandardCharsets.UTF_8))),
                open(config.sentimentModel(), SentimentModel::read),
                config.clauseModel().equals("none") ? null : open(config.clauseModel(), in ->
                        ClauseModel.read(new InputStreamReader(in, StandardCharsets.UTF_8), ClauseFeatures.builtIn())),
                config.riskDetector().equals("none") ? null : open(config.riskDetector(), in ->
                        RiskDetector.read(new InputStreamReader(in, StandardCharsets.UTF_8))));
        for (int i = 0; i < 2_000; i++) {
            base.analyze("warm-up", WARM_UP);
        }
        Log.infof("lexicon %s (%d entries), sentiment model (%s), clause model (%s) and risk detector (%s) loaded and "
                + "warmed up in %d ms", base.lexicon().version(), base.lexicon().size(), base.model().description(),
                clauseModelDescription(), riskDetectorDescription(),
                (System.nanoTime() - started) / 1_000_000);
        this.tenants = config.tenantLexicons().map(dir -> new TenantLexicons(Path.of(dir))).orElse(null);
        if (tenants != null) {
            tenants.refresh(base);
            this.watcher = Repeater.start("tenant-lexicons", config.tenantLexiconsPoll(), () -> tenants.refresh(base));
        } else {
            this.watcher = null;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (watcher != null) {
            watcher.close();
        }
    }

    private interface Reading<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T open(String location, Reading<T> reading) {
        try (InputStream in = location.startsWith("classpath:")
                ? AnalysisService.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))
                : Files.newInputStream(Path.of(location))) {
            if (in == null) {
                throw new IOException(location + " not found");
            }
            return reading.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + location, e);
        }
    }

    public String lexiconVersion() {
        return base.lexicon().version();
    }

    public String modelDescription() {
        return base.model().description();
    }

    public String clauseModelDescription() {
        return base.clauseModel() == null ? "none" : base.clauseModel().description();
    }

    public String riskDetectorDescription() {
        return base.riskDetector() == null ? "none" : base.riskDetector().description();
    }

    /** Tenants with lexicon additions, and their versions. */
    public Map<String, String> tenantLexicons() {
        return tenants == null ? Map.of() : tenants.versions();
    }

    /** Tenant lexicon files that do not parse, with the reason (the tenant keeps its last good lexicon). */
    public Map<String, String> tenantLexiconErrors() {
        return tenants == null ? Map.of() : tenants.errors();
    }

    /** Looks at the tenant lexicon directory now (it is also looked at on a schedule). */
    public boolean refreshTenantLexicons() {
        return tenants != null && tenants.refresh(base);
    }

    /** The lexicon version used for {@code tenant}'s texts. */
    public String lexiconVersion(String tenant) {
        return analyzer(tenant).lexicon().version();
    }

    private TextAnalyzer analyzer(String tenant) {
        TextAnalyzer own = tenants == null ? null : tenants.analyzer(tenant);
        return own == null ? base : own;
    }

    /** Analyses one text with the tenant's lexicon; an empty or oversized text is refused naming {@code field}. */
    public Analysis analyze(String tenant, String id, String text, String field) {
        List<Problem.FieldError> errors = validate(text, field);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Analysis analysis = analyzer(tenant).analyze(id, text);
        for (Analysis.RiskKeyword risk : analysis.riskKeywords()) {
            if (risk.inferred()) {
                signals.computeIfAbsent(risk.category() + "/inferred", key -> meters.counter(
                        "sentinel.signals.inferred", "category", risk.category())).increment();
            } else if (risk.dismissed() == null) {
                signals.computeIfAbsent(risk.category() + (risk.negated() ? "/negated" : ""), key -> meters.counter(
                        "sentinel.signals", "category", risk.category(), "negated", Boolean.toString(risk.negated())))
                        .increment();
            } else {
                signals.computeIfAbsent(risk.category() + "/dismissed/" + risk.dismissed(), key -> meters.counter(
                        "sentinel.signals.dismissed", "category", risk.category(), "reason", risk.dismissed()))
                        .increment();
            }
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
