package dev.churnsentinel.textsignal.analysis;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the lexicon and the sentiment model are loaded and warmed up (the bean is built at start-up, so
 * this answers after that). Tenant lexicons and files that failed to parse are listed; a tenant's bad file does
 * not make the service unready (that tenant keeps its last good lexicon).
 */
@Readiness
@ApplicationScoped
public class LexiconReadiness implements HealthCheck {
    private final AnalysisService analysis;

    public LexiconReadiness(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("lexicon").up()
                .withData("version", analysis.lexiconVersion())
                .withData("sentimentModel", analysis.modelDescription())
                .withData("clauseModel", analysis.clauseModelDescription())
                .withData("riskDetector", analysis.riskDetectorDescription());
        analysis.tenantLexicons().forEach((tenant, version) -> response.withData("tenant." + tenant, version));
        analysis.tenantLexiconErrors().forEach((tenant, error) -> response.withData("tenantError." + tenant, error));
        return response.build();
    }
}
