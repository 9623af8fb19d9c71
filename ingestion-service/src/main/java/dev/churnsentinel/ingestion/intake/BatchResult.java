package dev.churnsentinel.ingestion.intake;

import dev.churnsentinel.platform.problem.Problem;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a batch: how many items were accepted, how many were duplicates, which were rejected and
 * why, and (an extension of the contract) the id of every item that was not rejected, by its index.
 */
public record BatchResult(int accepted, int duplicates, List<Rejected> rejected, List<Result> results) {

    public record Rejected(int index, List<Problem.FieldError> errors) {
    }

    public record Result(int index, UUID id, boolean duplicate) {
    }
}
