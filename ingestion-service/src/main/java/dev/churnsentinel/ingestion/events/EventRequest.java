package dev.churnsentinel.ingestion.events;

import dev.churnsentinel.ingestion.intake.Identifiers;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** One operational event from a dealer, CRM or ticketing system. */
public record EventRequest(@NotBlank @Size(max = 200) String externalId,
                           @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID, message = Identifiers.CUSTOMER_ID_MESSAGE)
                           String customerId,
                           @NotNull EventType type,
                           @NotNull OffsetDateTime occurredAt,
                           @PositiveOrZero BigDecimal amount,
                           @Size(max = 50) Map<String, Object> attributes) {

    public enum EventType {
        SERVICE_VISIT, PURCHASE, APPOINTMENT_BOOKED, APPOINTMENT_KEPT, APPOINTMENT_MISSED, OUTREACH_SENT,
        OUTREACH_RESPONDED, CAMPAIGN_INVITED, CAMPAIGN_JOINED, TICKET_OPENED, TICKET_RESOLVED, LOGIN, EMAIL_OPENED,
        CONTRACT_RENEWED, CONTRACT_CANCELLED, CUSTOMER_RELOCATED
    }
}
