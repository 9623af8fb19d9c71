package dev.churnsentinel.ingestion.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.proto.events.v1.ErasureStep;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The erasure and erasure_step tables: erasures as asked for, and the other services' confirmations. */
@ApplicationScoped
public class ErasureStore {
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public ErasureStore(ObjectMapper json) {
        this.json = json;
    }

    /** An erasure as stored: the request and ingestion's own counts. */
    record Requested(UUID id, String customerId, OffsetDateTime requestedAt, String requestedBy, Map<String, Long> counts) {
    }

    /** Records a request, in the caller's transaction. */
    Uni<Void> record(String tenant, Requested erasure) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("insert into erasure "
                        + "(id, tenant, customer_id, requested_at, requested_by, counts) values (?1, ?2, ?3, ?4, ?5, cast(cast(?6 as text) as jsonb))")
                .setParameter(1, erasure.id()).setParameter(2, tenant).setParameter(3, erasure.customerId())
                .setParameter(4, erasure.requestedAt()).setParameter(5, erasure.requestedBy())
                .setParameter(6, write(erasure.counts())).executeUpdate()).replaceWithVoid();
    }

    /** The tenant's erasure of that id (another tenant's is as absent as one that never was). */
    Uni<Optional<Requested>> find(String tenant, UUID id) {
        return requested("tenant = ?1 and id = ?2", tenant, id);
    }

    /** The tenant's latest erasure of the customer, if any. */
    Uni<Optional<Requested>> latest(String tenant, String customerId) {
        return requested("tenant = ?1 and customer_id = ?2 order by requested_at desc limit 1", tenant, customerId);
    }

    private Uni<Optional<Requested>> requested(String where, String tenant, Object key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select id, customer_id, requested_at, "
                        + "requested_by, counts::text from erasure where " + where, Object[].class)
                .setParameter(1, tenant).setParameter(2, key).getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new Requested((UUID) row[0], (String) row[1],
                        offset(row[2]), (String) row[3], read((String) row[4]))));
    }

    /** The steps the other services confirmed for an erasure. */
    Uni<List<Erasure.Step>> steps(String tenant, UUID erasureId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select service, done_at, counts::text "
                        + "from erasure_step where tenant = ?1 and erasure_id = ?2 order by done_at", Object[].class)
                .setParameter(1, tenant).setParameter(2, erasureId).getResultList())
                .map(rows -> {
                    List<Erasure.Step> steps = new ArrayList<>();
                    for (Object[] row : rows) {
                        steps.add(new Erasure.Step((String) row[0], Erasure.Status.DONE, offset(row[1]), read((String) row[2])));
                    }
                    return steps;
                });
    }

    /** Stores confirmations in one transaction; one already stored (a redelivery) changes nothing. */
    Uni<Void> confirm(List<ErasureStep> steps) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (ErasureStep step : steps) {
                chain = chain.flatMap(ignored -> session.createNativeQuery("insert into erasure_step "
                                + "(erasure_id, service, tenant, done_at, counts) values (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb)) "
                                + "on conflict do nothing")
                        .setParameter(1, UUID.fromString(step.getErasureId())).setParameter(2, step.getService())
                        .setParameter(3, step.getTenant()).setParameter(4, OffsetDateTime.parse(step.getDoneAt()))
                        .setParameter(5, write(step.getCountsMap())).executeUpdate());
            }
            return chain.replaceWithVoid();
        }));
    }

    private static OffsetDateTime offset(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    private String write(Map<String, ?> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Long> read(String counts) {
        try {
            return json.readValue(counts, COUNTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
