package dev.churnsentinel.scoring.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.churnsentinel.platform.vertx.CallerContext;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.scoring.health.HealthService;
import dev.churnsentinel.scoring.textsignal.TextSignalsClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Everything ingestion accepted, in order per customer: feedback text is read by text-signal first. */
@ApplicationScoped
public class IngestConsumer {
    private final HealthService health;
    private final TextSignalsClient textSignals;

    public IngestConsumer(HealthService health, TextSignalsClient textSignals) {
        this.health = health;
        this.textSignals = textSignals;
    }

    @Incoming("ingest")
    public Uni<Void> consume(byte[] payload) {
        IngestRecord record;
        try {
            record = IngestRecord.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not an IngestRecord", e));
        }
        Uni<AnalyzeResponse> analysis = record.hasFeedback() && !record.getFeedback().getText().isBlank()
                ? textSignals.analyze(record.getTenant(), record.getFeedback().getFeedbackId(), record.getFeedback().getText())
                : Uni.createFrom().nullItem();
        return CallerContext.resumeOn(analysis).flatMap(result -> health.apply(record, result))
                .onFailure().invoke(e -> Log.errorf(e, "record %s of %s/%s goes to the dead-letter topic",
                        record.getId(), record.getTenant(), record.getCustomerId()));
    }
}
