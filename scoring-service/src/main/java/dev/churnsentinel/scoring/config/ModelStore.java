package dev.churnsentinel.scoring.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.cache.PerTenant;
import dev.churnsentinel.platform.problem.ProblemException;
import dev.churnsentinel.scoring.model.ModelConfig;
import dev.churnsentinel.scoring.model.RiskModel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The scoring model per tenant: the highest version a tenant has put, else the default churn-risk model (version 1).
 * Cached for a few seconds per tenant (every record is scored with it); a new version is used by this replica at once
 * and by the others within {@link #FRESH_FOR}. Call within a session.
 */
@ApplicationScoped
public class ModelStore {
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final ObjectMapper json;
    private final PerTenant<RiskModel> cache = new PerTenant<>(FRESH_FOR);

    public ModelStore(ObjectMapper json) {
        this.json = json;
    }

    public Uni<RiskModel> model(String tenant) {
        return cache.get(tenant, t -> current(t).map(RiskModel::new));
    }

    public Uni<ModelConfig> current(String tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select version, document::text from scoring_model where tenant = ?1 order by version desc limit 1",
                        Object[].class).setParameter(1, tenant).getResultList())
                .map(rows -> rows.isEmpty() ? ModelConfig.defaults()
                        : read((String) rows.get(0)[1]).withVersion((Integer) rows.get(0)[0]));
    }

    /** Puts a new version; {@code expectedVersion}, when given, must be the version in force (else 409). */
    public Uni<ModelConfig> replace(String tenant, ModelConfig document, Integer expectedVersion, String actor) {
        return current(tenant).flatMap(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new ProblemException(409, "Conflict", "the scoring model is at version " + current.version()
                        + ", not " + expectedVersion + "; read it again and reapply your change");
            }
            ModelConfig next = document.withVersion(current.version() + 1);
            return Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "insert into scoring_model (tenant, version, document, created_at, created_by) "
                                    + "values (?1, ?2, cast(cast(?3 as text) as jsonb), ?4, ?5) on conflict do nothing")
                    .setParameter(1, tenant).setParameter(2, next.version()).setParameter(3, write(next))
                    .setParameter(4, OffsetDateTime.now()).setParameter(5, actor).executeUpdate())
                    .map(inserted -> {
                        if (inserted == 0) {
                            throw new ProblemException(409, "Conflict",
                                    "someone else put version " + next.version() + " at the same moment; read it and retry");
                        }
                        cache.forget(tenant);
                        Log.infof("tenant %s: scoring model %s version %d put by %s", tenant, next.name(), next.version(), actor);
                        return next;
                    });
        });
    }

    /** The versions a tenant has put, newest first. */
    public Uni<List<Object[]>> versions(String tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select version, document->>'name', created_at, created_by from scoring_model where tenant = ?1 "
                        + "order by version desc", Object[].class).setParameter(1, tenant).getResultList());
    }

    private ModelConfig read(String document) {
        try {
            return json.treeToValue(completed(json.readTree(document), json), ModelConfig.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document with the components it was written without ({@link ModelConfig#ADDED_LATER}) taken from the
     * defaults, so a model stored or sent before they existed keeps working as it did, plus the new signals.
     */
    static com.fasterxml.jackson.databind.node.ObjectNode completed(com.fasterxml.jackson.databind.JsonNode document,
                                                                   ObjectMapper json) {
        var copy = (com.fasterxml.jackson.databind.node.ObjectNode) document.deepCopy();
        var defaults = json.valueToTree(ModelConfig.defaults());
        ModelConfig.ADDED_LATER.forEach(name -> {
            if (!copy.hasNonNull(name)) {
                copy.set(name, defaults.get(name));
            }
        });
        return copy;
    }

    private String write(ModelConfig config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
