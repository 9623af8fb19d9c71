package dev.churnsentinel.ingestion.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A person who acts for the tenant on this customer. */
public record Contact(@NotBlank @Size(max = 100) String id,
                      @Size(max = 200) String name,
                      @Email @Size(max = 320) String email,
                      @Size(max = 50) String phone) {
}
