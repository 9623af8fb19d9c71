package dev.churnsentinel.ingestion.customer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import dev.churnsentinel.ingestion.intake.Identifiers;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.Map;

/** A customer profile as PUT by the tenant's CRM. */
public record CustomerRequest(@Schema(example = "王女士") @Size(max = 200) String name,
                              @Schema(example = "NEV owner") @Size(max = 100) String segment,
                              @Schema(example = "VIP") ValueTier valueTier,
                              @Schema(example = "5000") @PositiveOrZero @DecimalMax(value = Identifiers.MAX_MONEY, message = Identifiers.MAX_MONEY_MESSAGE) BigDecimal annualValue,
                              @Schema(example = "CNY") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency,
                              @Valid Contact accountManager,
                              @Valid Contact seniorManager,
                              Map<@Pattern(regexp = "[A-Z][A-Z_]{1,49}", message = "must be a role such as REGIONAL_DIRECTOR") String,
                                      @Valid Contact> contacts) {

    public enum ValueTier { VIP, HIGH, STANDARD, LOW }
}
