package dev.churnsentinel.scoring.textsignal;

import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.proto.signals.v1.TextSignals;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.temporal.ChronoUnit;

/**
 * The one way scoring reaches text-signal-service. Retries for up to a minute: a customer's record waits
 * for its text to be read (a missed high-risk phrase is worse than a late one), then goes to the
 * dead-letter topic so the partition moves on.
 */
@ApplicationScoped
public class TextSignalsClient {
    @GrpcClient("textsignals")
    TextSignals textSignals;

    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 30, delay = 500, jitter = 250, maxDuration = 60, durationUnit = ChronoUnit.SECONDS)
    public Uni<AnalyzeResponse> analyze(String tenant, String id, String text) {
        return textSignals.analyze(AnalyzeRequest.newBuilder().setTenant(tenant).setId(id).setText(text).build());
    }

    /** One short analysis, no retries: for readiness. */
    public Uni<AnalyzeResponse> probe() {
        return textSignals.analyze(AnalyzeRequest.newBuilder().setId("readiness").setText("好").build());
    }
}
