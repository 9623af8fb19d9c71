package dev.churnsentinel.ingestion.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.ingestion.intake.Accepted;
import dev.churnsentinel.ingestion.intake.BatchReader;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.proto.events.v1.EventReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EventService {
    private final Intake intake;
    private final ObjectMapper json;

    public EventService(Intake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @WithTransaction
    public Uni<Accepted> accept(String tenant, EventRequest request) {
        return acceptOne(tenant, request);
    }

    /** Every item in one transaction: a batch is accepted whole or, if the database fails, not at all. */
    @WithTransaction
    public Uni<List<BatchResult.Result>> acceptAll(String tenant, List<BatchReader.Item<EventRequest>> items) {
        return Intake.inOrder(items, request -> acceptOne(tenant, request));
    }

    private Uni<Accepted> acceptOne(String tenant, EventRequest request) {
        return intake.acceptOnce(tenant, "event", request.externalId(), request.customerId(),
                id -> toEntity(id, tenant, request).persist(),
                id -> IngestRecord.newBuilder().setEvent(toMessage(id, request)));
    }

    private CustomerEvent toEntity(UUID id, String tenant, EventRequest request) {
        CustomerEvent event = new CustomerEvent();
        event.id = id;
        event.tenant = tenant;
        event.externalId = request.externalId();
        event.customerId = request.customerId();
        event.type = request.type().name();
        event.occurredAt = request.occurredAt();
        event.amount = request.amount();
        try {
            event.attributes = request.attributes() == null ? null : json.writeValueAsString(request.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes are not serialisable", e);
        }
        event.receivedAt = OffsetDateTime.now();
        return event;
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
