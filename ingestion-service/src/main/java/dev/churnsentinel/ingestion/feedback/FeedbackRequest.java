package dev.churnsentinel.ingestion.feedback;

import dev.churnsentinel.ingestion.intake.Identifiers;
import dev.churnsentinel.platform.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** One piece of customer voice. At least one of text, nps and satisfaction is required. */
public record FeedbackRequest(@Schema(description = "Your id of this item: the same id again is a duplicate", example = "survey-2026-000123") @NotBlank @Size(max = 200) String externalId,
                              @Schema(example = "C001") @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID, message = Identifiers.CUSTOMER_ID_MESSAGE)
                              String customerId,
                              @Schema(example = "SURVEY") @NotNull Channel channel,
                              @Schema(example = "2026-03-01T10:00:00+08:00") @NotNull OffsetDateTime occurredAt,
                              @Schema(example = "空调滤芯换了还是有异味，打电话投诉说这是正常的，感觉被忽悠了。") @Size(max = 10_000) String text,
                              @Schema(example = "3") @Min(0) @Max(10) Integer nps,
                              @Schema(example = "4") @Min(1) @Max(10) Integer satisfaction) {

    public enum Channel { SURVEY, TICKET, CHAT, CALL, EMAIL, REVIEW, SOCIAL, OTHER }

    /** The rule bean validation cannot say: at least one signal. */
    public List<Problem.FieldError> ruleErrors() {
        boolean hasSignal = (text != null && !text.isBlank()) || nps != null || satisfaction != null;
        return hasSignal ? List.of()
                : List.of(new Problem.FieldError("text", "at least one of text, nps, satisfaction is required"));
    }
}
