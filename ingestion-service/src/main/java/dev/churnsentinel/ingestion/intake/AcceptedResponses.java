package dev.churnsentinel.ingestion.intake;

import jakarta.ws.rs.core.Response;

/** 202 on first receipt, 200 with {@code "duplicate": true} when the same externalId arrives again. */
public final class AcceptedResponses {
    private AcceptedResponses() {
    }

    public static Response of(Accepted accepted) {
        return Response.status(accepted.duplicate() ? 200 : 202).entity(accepted).build();
    }
}
