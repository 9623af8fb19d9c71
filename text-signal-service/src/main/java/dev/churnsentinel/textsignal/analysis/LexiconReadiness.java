package dev.churnsentinel.textsignal.analysis;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the lexicon is loaded (the bean is built at start-up, so this answers after loading). */
@Readiness
@ApplicationScoped
public class LexiconReadiness implements HealthCheck {
    private final AnalysisService analysis;

    public LexiconReadiness(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("lexicon").up().withData("version", analysis.lexiconVersion()).build();
    }
}
