package dev.churnsentinel.ingestion.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.problem.JsonErrors;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a batch item by item, so that one bad item (a wrong type, an unknown field, a failed rule) is
 * rejected on its own while the others go through. Field paths are relative to the item, as in the API.
 */
@ApplicationScoped
public class BatchReader {
    private final ObjectMapper json;
    private final Validator validator;
    private final IngestionConfig config;

    public BatchReader(ObjectMapper json, Validator validator, IngestionConfig config) {
        this.json = json;
        this.validator = validator;
        this.config = config;
    }

    /** An item that passed: its index in the batch and its value. */
    public record Item<T>(int index, T value) {
    }

    /** The items that passed and the ones that did not. */
    public record Read<T>(List<Item<T>> valid, List<BatchResult.Rejected> rejected) {
    }

    /**
     * @param rules checks beyond bean validation (e.g. event attributes), returning errors or none
     */
    public <T> Read<T> read(List<JsonNode> items, Class<T> type, Function<T, List<Problem.FieldError>> rules) {
        if (items == null || items.isEmpty()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("body", "must be a JSON array of at least one item")));
        }
        if (items.size() > config.maxBatchSize()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("body",
                    "must hold at most " + config.maxBatchSize() + " items, not " + items.size())));
        }
        List<Item<T>> valid = new ArrayList<>();
        List<BatchResult.Rejected> rejected = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            List<Problem.FieldError> errors = new ArrayList<>();
            T value = null;
            try {
                value = items.get(index) == null || !items.get(index).isObject() ? null : json.treeToValue(items.get(index), type);
                if (value == null) {
                    errors.add(new Problem.FieldError("item", "must be a JSON object"));
                }
            } catch (JsonProcessingException e) {
                Problem.FieldError error = JsonErrors.describe(e);
                errors.add(error != null ? error : new Problem.FieldError("item", "could not be read"));
            }
            if (value != null) {
                validator.validate(value).forEach(violation -> errors.add(Problem.FieldError.of(violation)));
                if (errors.isEmpty()) {
                    errors.addAll(rules.apply(value));
                }
            }
            if (errors.isEmpty()) {
                valid.add(new Item<>(index, value));
            } else {
                errors.sort(Comparator.comparing(Problem.FieldError::field));
                rejected.add(new BatchResult.Rejected(index, List.copyOf(errors)));
            }
        }
        return new Read<>(valid, rejected);
    }

    /** The answers to a batch's valid items, by their index in the batch. */
    public static <T> List<BatchResult.Result> results(List<Item<T>> items, List<Accepted> answers) {
        List<BatchResult.Result> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(new BatchResult.Result(items.get(i).index(), answers.get(i).id(), answers.get(i).duplicate()));
        }
        return results;
    }

    /** Counts of a batch's outcome, in index order. */
    public static BatchResult result(List<BatchResult.Result> results, List<BatchResult.Rejected> rejected) {
        List<BatchResult.Result> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(BatchResult.Result::index));
        Map<Boolean, Integer> counts = new HashMap<>();
        ordered.forEach(r -> counts.merge(r.duplicate(), 1, Integer::sum));
        return new BatchResult(counts.getOrDefault(false, 0), counts.getOrDefault(true, 0), rejected, ordered);
    }
}
