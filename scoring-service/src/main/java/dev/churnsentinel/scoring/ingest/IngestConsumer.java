package dev.churnsentinel.scoring.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.churnsentinel.inbox.RecordFaults;
import dev.churnsentinel.outbox.TraceParent;
import dev.churnsentinel.platform.vertx.CallerContext;
import dev.churnsentinel.platform.vertx.InOrder;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.scoring.health.HealthService;
import dev.churnsentinel.scoring.textsignal.TextSignalsClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything ingestion accepted, in order per customer, a poll's worth at a time: the batch's feedback texts are read
 * by text-signal in parallel, then the whole batch is applied in one transaction (each customer scored once). A batch
 * that fails is applied record by record, and only a record that fails on its own goes to the dead-letter topic (see
 * {@link RecordFaults}).
 */
@ApplicationScoped
public class IngestConsumer {
    private final HealthService health;
    private final TextSignalsClient textSignals;
    private final Emitter<Record<String, byte[]>> deadLetters;
    private final RecordFaults faults;

    public IngestConsumer(HealthService health, TextSignalsClient textSignals,
                          @Channel("ingest-dlq") Emitter<Record<String, byte[]>> deadLetters, RecordFaults faults) {
        this.health = health;
        this.faults = faults;
        this.textSignals = textSignals;
        this.deadLetters = deadLetters;
    }

    /** A record of the batch and the trace it came with. */
    private record Traced(IngestRecord record, String traceParent) {
    }

    @Incoming("ingest")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> polled) {
        List<Traced> records = new ArrayList<>(polled.count());
        Map<String, ConsumerRecord<String, byte[]>> byId = new HashMap<>();
        Map<ConsumerRecord<String, byte[]>, String> unreadable = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> kafka : polled) {
            try {
                Header trace = kafka.headers().lastHeader(TraceParent.HEADER);
                IngestRecord record = IngestRecord.parseFrom(kafka.value());
                records.add(new Traced(record, trace == null ? null : new String(trace.value(), StandardCharsets.UTF_8)));
                byId.put(record.getId(), kafka);
            } catch (InvalidProtocolBufferException e) {
                Log.errorf("a record that is not an IngestRecord goes to the dead-letter topic: %s", e.getMessage());
                unreadable.put(kafka, e.getMessage());
            }
        }
        return CallerContext.onOwnContext(() -> {
            Uni<Void> setAside = InOrder.each(unreadable.entrySet(), bad -> faults.setAside(deadLetters, bad.getKey(),
                    RecordFaults.UNREADABLE, "not an IngestRecord: " + bad.getValue()));
            if (records.isEmpty()) {
                return setAside;
            }
            return setAside.chain(() -> CallerContext.resumeOn(analyse(records)))
                    .flatMap(batch -> health.applyBatch(batch)
                            .onFailure().recoverWithUni(e -> {
                                Log.warnf("a batch of %d records failed (%s): applying them one by one", batch.size(), e.toString());
                                return oneByOne(batch, byId);
                            }));
        });
    }

    /** The batch's feedback texts go to text-signal over one stream; records without text need no analysis. */
    private Uni<List<HealthService.Analysed>> analyse(List<Traced> records) {
        List<AnalyzeRequest> requests = new ArrayList<>();
        for (Traced traced : records) {
            IngestRecord record = traced.record();
            if (hasText(record)) {
                requests.add(AnalyzeRequest.newBuilder().setTenant(record.getTenant())
                        .setId(record.getFeedback().getFeedbackId()).setText(record.getFeedback().getText()).build());
            }
        }
        return textSignals.analyzeAll(requests).map(byId -> records.stream()
                .map(traced -> new HealthService.Analysed(traced.record(), hasText(traced.record())
                        ? byId.get(traced.record().getFeedback().getFeedbackId()) : null, traced.traceParent()))
                .toList());
    }

    private static boolean hasText(IngestRecord record) {
        return record.hasFeedback() && !record.getFeedback().getText().isBlank();
    }

    /**
     * Each record as a batch of one (keeping its trace), each on a context of its own ({@link
     * RecordFaults#applyOrSetAside}). Only a record that fails on its own is dead-lettered; one that fails because
     * scoring cannot work right now (shutting down, the database away) fails the poll, which is not committed and so is
     * delivered again.
     */
    private Uni<Void> oneByOne(List<HealthService.Analysed> batch, Map<String, ConsumerRecord<String, byte[]>> byId) {
        return InOrder.each(batch, a -> {
            IngestRecord record = a.record();
            return faults.applyOrSetAside(
                    () -> "record " + record.getId() + " of " + record.getTenant() + "/" + record.getCustomerId(),
                    () -> health.applyBatch(List.of(a)),
                    failure -> faults.setAside(deadLetters, byId.get(record.getId()), failure));
        });
    }
}
