package dev.churnsentinel.ingestion.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnsentinel.ingestion.intake.BatchReader;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads records of a customer's id and profile ({@code {"customerId": …, "name": …}}) as the PUT reads its path and body. */
@ApplicationScoped
public class CustomerRows {
    private final BatchReader batches;
    private final Validator validator;

    public CustomerRows(BatchReader batches, Validator validator) {
        this.batches = batches;
        this.validator = validator;
    }

    /**
     * Each record's customerId checked as the PUT's path ({@link CustomerRow}'s bean validation) and the rest read and
     * checked as its body ({@link BatchReader}: an unknown field, a wrong type, CustomerRequest's bean validation); a
     * record with errors of either is rejected with all of them, named as the API names them.
     */
    public BatchReader.Read<CustomerRow> read(List<JsonNode> records) {
        List<String> ids = new ArrayList<>(records.size());
        List<JsonNode> profiles = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            ObjectNode profile = ((ObjectNode) record).deepCopy();
            JsonNode id = profile.remove("customerId");
            ids.add(id == null || id.isNull() ? null : id.asText());
            profiles.add(profile);
        }
        BatchReader.Read<CustomerRequest> read = batches.read(profiles, CustomerRequest.class, profile -> List.of());
        Map<Integer, CustomerRequest> valid = new HashMap<>();
        read.valid().forEach(item -> valid.put(item.index(), item.value()));
        Map<Integer, List<Problem.FieldError>> invalid = new HashMap<>();
        read.rejected().forEach(rejected -> invalid.put(rejected.index(), rejected.errors()));
        List<BatchReader.Item<CustomerRow>> rows = new ArrayList<>(records.size());
        List<BatchResult.Rejected> rejected = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            List<Problem.FieldError> errors = new ArrayList<>(invalid.getOrDefault(index, List.of()));
            CustomerRow row = new CustomerRow(ids.get(index), valid.get(index));
            validator.validate(row).forEach(violation -> errors.add(Problem.FieldError.of(violation)));
            if (errors.isEmpty()) {
                rows.add(new BatchReader.Item<>(index, row));
            } else {
                errors.sort(Comparator.comparing(Problem.FieldError::field));
                rejected.add(new BatchResult.Rejected(index, List.copyOf(errors)));
            }
        }
        return new BatchReader.Read<>(rows, rejected);
    }
}
