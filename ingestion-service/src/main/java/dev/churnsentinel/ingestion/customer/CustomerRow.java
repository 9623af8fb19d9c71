package dev.churnsentinel.ingestion.customer;

import dev.churnsentinel.ingestion.intake.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A customer's id and profile in one record, as a row of a spreadsheet gives them: what PUT
 * /api/v1/customers/{customerId} takes as its path and its body. Bean validation here checks the id as the PUT checks
 * its path; the profile is checked as the PUT's body ({@link CustomerRows#read}).
 */
public record CustomerRow(@NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID, message = Identifiers.CUSTOMER_ID_MESSAGE)
                          String customerId,
                          CustomerRequest profile) {
}
