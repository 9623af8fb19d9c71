package dev.churnsentinel.ingestion.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.ingestion.intake.Accepted;
import dev.churnsentinel.ingestion.intake.BatchReader;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.ingestion.intake.ItemTable;
import dev.churnsentinel.ingestion.intake.ItemTable.Column;
import dev.churnsentinel.proto.events.v1.EventReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EventService {
    private final Intake intake;
    private final Intake.Shape<EventRequest> shape;

    public EventService(Intake intake, ObjectMapper json) {
        this.intake = intake;
        ItemTable<EventRequest> table = new ItemTable<>(Intake.Kind.EVENT,
                Column.text("type", request -> request.type().name()),
                Column.timestamp("occurred_at", EventRequest::occurredAt),
                Column.numeric("amount", EventRequest::amount),
                Column.json("attributes", request -> attributes(json, request)));
        this.shape = new Intake.Shape<>(table, EventRequest::externalId, EventRequest::customerId,
                (id, request) -> IngestRecord.newBuilder().setEvent(toMessage(id, request)));
    }

    public Uni<Accepted> accept(String tenant, EventRequest request) {
        return intake.accept(tenant, List.of(request), shape).map(answers -> answers.get(0));
    }

    /** Every item in one statement: a batch is kept whole or, if the database fails, not at all. */
    public Uni<List<BatchResult.Result>> acceptAll(String tenant, List<BatchReader.Item<EventRequest>> items) {
        return intake.accept(tenant, items.stream().map(BatchReader.Item::value).toList(), shape)
                .map(answers -> BatchReader.results(items, answers));
    }

    private static String attributes(ObjectMapper json, EventRequest request) {
        try {
            return request.attributes() == null ? null : json.writeValueAsString(request.attributes());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EventReceived toMessage(UUID id, EventRequest request) {
        EventReceived.Builder message = EventReceived.newBuilder()
                .setEventId(id.toString())
                .setExternalId(request.externalId())
                .setType(request.type().name())
                .setOccurredAt(request.occurredAt().toString());
        if (request.amount() != null) message.setAmount(request.amount().doubleValue());
        if (request.attributes() != null) {
            request.attributes().forEach((name, value) -> message.putAttributes(name, String.valueOf(value)));
        }
        return message.build();
    }
}
