package dev.churnsentinel.ingestion.feedback;

import dev.churnsentinel.ingestion.intake.Accepted;
import dev.churnsentinel.ingestion.intake.BatchReader;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.ingestion.intake.ItemTable;
import dev.churnsentinel.ingestion.intake.ItemTable.Column;
import dev.churnsentinel.proto.events.v1.FeedbackReceived;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
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

    private final Intake intake;

    public FeedbackService(Intake intake) {
        this.intake = intake;
    }

    public Uni<Accepted> accept(String tenant, FeedbackRequest request) {
        return intake.accept(tenant, List.of(request), SHAPE).map(answers -> answers.get(0));
    }

    /** Every item in one statement: a batch is kept whole or, if the database fails, not at all. */
    public Uni<List<BatchResult.Result>> acceptAll(String tenant, List<BatchReader.Item<FeedbackRequest>> items) {
        return intake.accept(tenant, items.stream().map(BatchReader.Item::value).toList(), SHAPE)
                .map(answers -> BatchReader.results(items, answers));
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
