package dev.churnsentinel.ingestion.intake;

import java.util.UUID;

/** The answer to an ingested item: its id, and whether it had arrived before under the same externalId. */
public record Accepted(UUID id, boolean duplicate) {
}
