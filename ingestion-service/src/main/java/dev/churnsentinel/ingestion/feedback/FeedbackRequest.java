package dev.churnsentinel.ingestion.feedback;

import dev.churnsentinel.ingestion.intake.Identifiers;
import dev.churnsentinel.platform.problem.Problem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** One piece of customer voice. At least one of text, nps and satisfaction is required. */
public record FeedbackRequest(@NotBlank @Size(max = 200) String externalId,
                              @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID, message = Identifiers.CUSTOMER_ID_MESSAGE)
                              String customerId,
                              @NotNull Channel channel,
                              @NotNull OffsetDateTime occurredAt,
                              @Size(max = 10_000) String text,
                              @Min(0) @Max(10) Integer nps,
                              @Min(1) @Max(10) Integer satisfaction) {

    public enum Channel { SURVEY, TICKET, CHAT, CALL, EMAIL, REVIEW, SOCIAL, OTHER }

    /** The rule bean validation cannot say: at least one signal. */
    public List<Problem.FieldError> ruleErrors() {
        boolean hasSignal = (text != null && !text.isBlank()) || nps != null || satisfaction != null;
        return hasSignal ? List.of()
                : List.of(new Problem.FieldError("text", "at least one of text, nps, satisfaction is required"));
    }
}
