package dev.churnsentinel.ingestion.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.ingestion.intake.ItemTable;
import dev.churnsentinel.ingestion.intake.ItemTable.Column;
import dev.churnsentinel.proto.events.v1.EventReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.UUID;

@ApplicationScoped
public class EventService {
    private final Intake.Shape<EventRequest> shape;

    public EventService(ObjectMapper json) {
        ItemTable<EventRequest> table = new ItemTable<>(Intake.Kind.EVENT,
                Column.text("type", request -> request.type().name()),
                Column.timestamp("occurred_at", EventRequest::occurredAt),
                Column.numeric("amount", EventRequest::amount),
                Column.json("attributes", request -> attributes(json, request)));
        this.shape = new Intake.Shape<>(table, EventRequest::externalId, EventRequest::customerId,
                (id, request) -> IngestRecord.newBuilder().setEvent(toMessage(id, request)));
    }

    /** How the intake reads an event. */
    public Intake.Shape<EventRequest> shape() {
        return shape;
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
