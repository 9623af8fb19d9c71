package dev.churnsentinel.ingestion.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.function.Function;

/**
 * What the feedback and event resources do with what they are sent, the same for both kinds: a single item is
 * checked and answered as accepted (202) or a duplicate (200); a batch is read item by item and each item answered.
 */
@ApplicationScoped
public class Submissions {
    private final Intake intake;
    private final BatchReader batches;

    public Submissions(Intake intake, BatchReader batches) {
        this.intake = intake;
        this.batches = batches;
    }

    /** @param rules checks beyond bean validation, returning errors or none: any refuse the item (400) */
    public <T> Uni<Response> one(String tenant, T item, Function<T, List<Problem.FieldError>> rules, Intake.Shape<T> shape) {
        List<Problem.FieldError> errors = rules.apply(item);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return intake.accept(tenant, List.of(item), shape).map(answers -> AcceptedResponses.of(answers.get(0)));
    }

    /** Every valid item in one statement: a batch is kept whole or, if the database fails, not at all. */
    public <T> Uni<BatchResult> batch(String tenant, List<JsonNode> items, Class<T> type,
                                      Function<T, List<Problem.FieldError>> rules, Intake.Shape<T> shape) {
        BatchReader.Read<T> read = batches.read(items, type, rules);
        return intake.accept(tenant, read.valid().stream().map(BatchReader.Item::value).toList(), shape)
                .map(answers -> BatchReader.result(BatchReader.results(read.valid(), answers), read.rejected()));
    }
}
