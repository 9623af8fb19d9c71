package dev.churnsentinel.ingestion.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.Map;

/** A customer profile as PUT by the tenant's CRM. */
public record CustomerRequest(@Size(max = 200) String name,
                              @Size(max = 100) String segment,
                              ValueTier valueTier,
                              @PositiveOrZero BigDecimal annualValue,
                              @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency,
                              @Valid Contact accountManager,
                              @Valid Contact seniorManager,
                              Map<@Pattern(regexp = "[A-Z][A-Z_]{1,49}", message = "must be a role such as REGIONAL_DIRECTOR") String,
                                      @Valid Contact> contacts) {

    public enum ValueTier { VIP, HIGH, STANDARD, LOW }
}
