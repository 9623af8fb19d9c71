package dev.churnsentinel.scoring.textsignal;

import dev.churnsentinel.proto.signals.v1.AnalyzeBatch;
import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.proto.signals.v1.AnalyzedBatch;
import dev.churnsentinel.proto.signals.v1.TextSignals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way scoring reaches text-signal-service. Retries for up to a minute: a customer's record waits
 * for its text to be read (a missed high-risk phrase is worse than a late one), then goes to the
 * dead-letter topic so the partition moves on.
 */
@ApplicationScoped
public class TextSignalsClient {
    private static final int MAX_BATCH = 1_000;

    @GrpcClient("textsignals")
    @RegisterClientInterceptor(TextSignalCredential.class)
    TextSignals textSignals;

    /**
     * A poll's worth of feedback texts in one {@code AnalyzeBatches} call (batches of at most 1,000 texts): one round
     * trip and one message per batch instead of one per text. Answers by request id; a text the service could not
     * analyse (its {@code error} set) is left out. The whole call is retried like a single one.
     */
    @AsynchronousNonBlocking
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 30, delay = 500, jitter = 250, maxDuration = 60, durationUnit = ChronoUnit.SECONDS)
    public Uni<Map<String, AnalyzeResponse>> analyzeAll(List<AnalyzeRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<AnalyzeBatch> batches = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += MAX_BATCH) {
            batches.add(AnalyzeBatch.newBuilder()
                    .addAllTexts(requests.subList(from, Math.min(requests.size(), from + MAX_BATCH))).build());
        }
        return textSignals.analyzeBatches(Multi.createFrom().iterable(batches)).collect().asList().map(answers -> {
            Map<String, AnalyzeResponse> byId = new HashMap<>();
            for (AnalyzedBatch batch : answers) {
                for (AnalyzeResponse answer : batch.getResultsList()) {
                    if (answer.getError().isEmpty()) {
                        byId.putIfAbsent(answer.getId(), answer);
                    } else {
                        Log.warnf("text %s was not analysed: %s", answer.getId(), answer.getError());
                    }
                }
            }
            return byId;
        });
    }

    /** One short analysis, no retries: for readiness. */
    public Uni<AnalyzeResponse> probe() {
        return textSignals.analyze(AnalyzeRequest.newBuilder().setId("readiness").setText("好").build());
    }
}
