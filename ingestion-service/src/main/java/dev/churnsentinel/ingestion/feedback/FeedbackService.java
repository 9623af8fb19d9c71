package dev.churnsentinel.ingestion.feedback;

import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.ingestion.intake.ItemTable;
import dev.churnsentinel.ingestion.intake.ItemTable.Column;
import dev.churnsentinel.proto.events.v1.FeedbackReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class FeedbackService {
    private static final ItemTable<FeedbackRequest> TABLE = new ItemTable<>(Intake.Kind.FEEDBACK,
            Column.text("channel", request -> request.channel().name()),
            Column.timestamp("occurred_at", FeedbackRequest::occurredAt),
            Column.text("text", FeedbackRequest::text),
            Column.integer("nps", FeedbackRequest::nps),
            Column.integer("satisfaction", FeedbackRequest::satisfaction));
    private static final Intake.Shape<FeedbackRequest> SHAPE = new Intake.Shape<>(TABLE,
            FeedbackRequest::externalId, FeedbackRequest::customerId,
            (id, request) -> IngestRecord.newBuilder().setFeedback(toMessage(id, request)));

    /** How the intake reads a piece of feedback. */
    public Intake.Shape<FeedbackRequest> shape() {
        return SHAPE;
    }

    private static FeedbackReceived toMessage(UUID id, FeedbackRequest request) {
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
