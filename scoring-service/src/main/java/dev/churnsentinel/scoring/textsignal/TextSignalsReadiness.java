package dev.churnsentinel.scoring.textsignal;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Ready only when text-signal-service answers an analysis over gRPC: without it no text can be scored. */
@Readiness
@ApplicationScoped
public class TextSignalsReadiness implements AsyncHealthCheck {
    private final TextSignalsClient client;

    public TextSignalsReadiness(TextSignalsClient client) {
        this.client = client;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return client.probe()
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .map(response -> HealthCheckResponse.named("text-signal gRPC").up()
                        .withData("lexicon", response.getLexiconVersion()).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("text-signal gRPC").down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
