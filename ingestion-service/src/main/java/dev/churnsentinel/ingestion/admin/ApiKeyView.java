package dev.churnsentinel.ingestion.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An API key as its tenant's administrators see it: never the key itself, save once in the answer that made it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(
        UUID id,
        String name,
        @Schema(description = "the start of the key, which names it: csk_ and 8 characters") String prefix,
        Set<String> roles,
        @Schema(description = "ACTIVE; EXPIRED once expiresAt (set by a rotation) has passed; REVOKED") Status status,
        Instant createdAt,
        @Schema(description = "who made it: a key's name, or api-key:TENANT for a bootstrap key") String createdBy,
        @Schema(description = "to within a few seconds; absent when never used") Instant lastUsedAt,
        @Schema(description = "set by a rotation: until then the old key works beside the new one") Instant expiresAt,
        Instant revokedAt,
        String revokedBy,
        @Schema(description = "the key that replaced this one in a rotation") UUID replacedBy,
        @Schema(description = "the key itself: only in the answer that made it; it cannot be shown again") String key) {

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    ApiKeyView withKey(String key) {
        return new ApiKeyView(id, name, prefix, roles, status, createdAt, createdBy, lastUsedAt, expiresAt, revokedAt,
                revokedBy, replacedBy, key);
    }
}
