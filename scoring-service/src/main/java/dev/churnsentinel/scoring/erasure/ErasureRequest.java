package dev.churnsentinel.scoring.erasure;

import dev.churnsentinel.proto.events.v1.ErasureStep;
import dev.churnsentinel.proto.events.v1.IngestRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A customer to forget, as an ingest record asks ({@code CustomerErasureRequested}): who, of which tenant, under which
 * erasure id; the anonymous id their kept rows are filed under; and the step scoring announces once done.
 */
public record ErasureRequest(String erasureId, String tenant, String customerId, Instant requestedAt) {
    /** The service name in the steps scoring announces. */
    public static final String SERVICE = "scoring-service";
    /** How the anonymous id of an erased customer begins; the erasure id follows. */
    public static final String ANONYMOUS_PREFIX = "erased:";

    /**
     * The request an erasure record makes; {@link IllegalArgumentException} when it lacks its tenant, customer or
     * erasure id. A missing or unreadable {@code requested_at} is kept as null: the erasure still applies.
     */
    public static ErasureRequest of(IngestRecord record) {
        if (!record.hasErasure()) {
            throw new IllegalArgumentException("record " + record.getId() + " is not an erasure");
        }
        String erasureId = record.getErasure().getErasureId();
        if (record.getTenant().isBlank() || record.getCustomerId().isBlank() || erasureId.isBlank()) {
            throw new IllegalArgumentException("erasure record " + record.getId() + " lacks its tenant, customer or erasure id");
        }
        Instant requestedAt;
        try {
            requestedAt = record.getErasure().getRequestedAt().isBlank() ? null : Instant.parse(record.getErasure().getRequestedAt());
        } catch (DateTimeParseException e) {
            requestedAt = null;
        }
        return new ErasureRequest(erasureId, record.getTenant(), record.getCustomerId(), requestedAt);
    }

    /**
     * The id the customer's kept rows (signal log, task outcomes) are filed under: {@code erased:<erasure id>}, which
     * names no one and stays distinct from every other customer's.
     */
    public String anonymousId() {
        return ANONYMOUS_PREFIX + erasureId;
    }

    /** The topic key of the step: the customer's, as on the ingest topic. */
    public String key() {
        return tenant + "/" + customerId;
    }

    /** The step scoring announces once the erasure committed, with what it removed or re-keyed, by what. */
    public ErasureStep step(Map<String, Long> counts, Instant doneAt) {
        return ErasureStep.newBuilder().setErasureId(erasureId).setTenant(tenant).setCustomerId(customerId)
                .setService(SERVICE).setDoneAt(doneAt.toString()).putAllCounts(counts).build();
    }

    /**
     * A batch of records in order, cut after each erasure: everything up to and including an erasure is applied before
     * what follows it, so a customer's records before their erasure are erased with it and the records after it start
     * afresh. A batch without an erasure is one part.
     */
    public static <T> List<List<T>> parts(List<T> records, Predicate<T> isErasure) {
        List<List<T>> parts = new ArrayList<>();
        List<T> part = new ArrayList<>();
        for (T record : records) {
            part.add(record);
            if (isErasure.test(record)) {
                parts.add(part);
                part = new ArrayList<>();
            }
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }
}
