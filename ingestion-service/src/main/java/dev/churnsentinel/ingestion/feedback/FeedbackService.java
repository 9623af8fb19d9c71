package dev.churnsentinel.ingestion.feedback;

import dev.churnsentinel.ingestion.intake.Accepted;
import dev.churnsentinel.ingestion.intake.BatchReader;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.proto.events.v1.FeedbackReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

@ApplicationScoped
public class FeedbackService {
    private final Intake intake;

    public FeedbackService(Intake intake) {
        this.intake = intake;
    }

    @WithTransaction
    public Uni<Accepted> accept(String tenant, FeedbackRequest request) {
        return acceptOne(tenant, request);
    }

    /** Every item in one transaction: a batch is accepted whole or, if the database fails, not at all. */
    @WithTransaction
    public Uni<List<BatchResult.Result>> acceptAll(String tenant, List<BatchReader.Item<FeedbackRequest>> items) {
        return Intake.inOrder(items, request -> acceptOne(tenant, request));
    }

    private Uni<Accepted> acceptOne(String tenant, FeedbackRequest request) {
        return intake.acceptOnce(tenant, "feedback", request.externalId(), request.customerId(),
                id -> toEntity(id, tenant, request).persist(),
                id -> IngestRecord.newBuilder().setFeedback(toMessage(id, request)));
    }

    private static Feedback toEntity(java.util.UUID id, String tenant, FeedbackRequest request) {
        Feedback feedback = new Feedback();
        feedback.id = id;
        feedback.tenant = tenant;
        feedback.externalId = request.externalId();
        feedback.customerId = request.customerId();
        feedback.channel = request.channel().name();
        feedback.occurredAt = request.occurredAt();
        feedback.text = request.text();
        feedback.nps = request.nps();
        feedback.satisfaction = request.satisfaction();
        feedback.receivedAt = OffsetDateTime.now();
        return feedback;
    }

    private static FeedbackReceived toMessage(java.util.UUID id, FeedbackRequest request) {
        FeedbackReceived.Builder message = FeedbackReceived.newBuilder()
                .setFeedbackId(id.toString())
                .setExternalId(request.externalId())
                .setChannel(request.channel().name())
                .setOccurredAt(request.occurredAt().toString());
        if (request.text() != null) message.setText(request.text());
        if (request.nps() != null) message.setNps(request.nps());
        if (request.satisfaction() != null) message.setSatisfaction(request.satisfaction());
        return message.build();
    }
}
