package dev.churnsentinel.ingestion.events;

import dev.churnsentinel.ingestion.intake.Identifiers;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** One operational event from a dealer, CRM or ticketing system. */
public record EventRequest(@Schema(description = "Your id of this event: the same id again is a duplicate", example = "dms-visit-88812") @NotBlank @Size(max = 200) String externalId,
                           @Schema(example = "C001") @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID, message = Identifiers.CUSTOMER_ID_MESSAGE)
                           String customerId,
                           @Schema(example = "SERVICE_VISIT") @NotNull EventType type,
                           @Schema(example = "2026-02-20T09:30:00+08:00") @NotNull OffsetDateTime occurredAt,
                           @Schema(example = "680") @PositiveOrZero @DecimalMax(value = Identifiers.MAX_MONEY, message = Identifiers.MAX_MONEY_MESSAGE) BigDecimal amount,
                           @Schema(description = "SERVICE_VISIT: addOnsOffered, addOnsAccepted; TICKET_OPENED: complaint; TICKET_RESOLVED: resolutionSatisfaction 1-10",
                                   example = "{\"addOnsOffered\": 2, \"addOnsAccepted\": 0}") @Size(max = 50) Map<String, Object> attributes) {

    public enum EventType {
        SERVICE_VISIT, PURCHASE, APPOINTMENT_BOOKED, APPOINTMENT_KEPT, APPOINTMENT_MISSED, OUTREACH_SENT,
        OUTREACH_RESPONDED, CAMPAIGN_INVITED, CAMPAIGN_JOINED, TICKET_OPENED, TICKET_RESOLVED, LOGIN, EMAIL_OPENED,
        CONTRACT_RENEWED, CONTRACT_CANCELLED, CUSTOMER_RELOCATED
    }
}
