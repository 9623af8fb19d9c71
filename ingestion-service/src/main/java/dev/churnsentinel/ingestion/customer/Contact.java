package dev.churnsentinel.ingestion.customer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A person who acts for the tenant on this customer. */
public record Contact(@Schema(example = "sm-01") @NotBlank @Size(max = 100) String id,
                      @Schema(example = "周总") @Size(max = 200) String name,
                      @Schema(example = "zhou@example.com") @Email @Size(max = 320) String email,
                      @Size(max = 50) String phone) {
}
