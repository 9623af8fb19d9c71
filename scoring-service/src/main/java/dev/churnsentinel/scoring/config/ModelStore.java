package dev.churnsentinel.scoring.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.cache.PerTenant;
import dev.churnsentinel.platform.store.VersionedDocuments;
import dev.churnsentinel.scoring.model.ModelConfig;
import dev.churnsentinel.scoring.model.RiskModel;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Duration;
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
    private final VersionedDocuments<ModelConfig> documents;

    public ModelStore(ObjectMapper json) {
        this.json = json;
        this.documents = new VersionedDocuments<>("scoring_model", new VersionedDocuments.Format<>(this::read, this::write,
                ModelConfig::version, ModelConfig::withVersion), ModelConfig.defaults(),
                "the scoring model is at version %d, not %d; read it again and reapply your change");
    }

    public Uni<RiskModel> model(String tenant) {
        return cache.get(tenant, t -> current(t).map(RiskModel::new));
    }

    public Uni<ModelConfig> current(String tenant) {
        return documents.current(tenant);
    }

    /** A version the tenant put (or the defaults' version), or null. */
    public Uni<ModelConfig> version(String tenant, int version) {
        return documents.version(tenant, version);
    }

    /** Puts a new version; {@code expectedVersion}, when given, must be the version in force (else 409). */
    public Uni<ModelConfig> replace(String tenant, ModelConfig document, Integer expectedVersion, String actor) {
        return documents.put(tenant, document, expectedVersion, actor).invoke(next -> {
            cache.forget(tenant);
            Log.infof("tenant %s: scoring model %s version %d put by %s", tenant, next.name(), next.version(), actor);
        });
    }

    /** The versions a tenant has put, newest first. */
    public Uni<List<VersionedDocuments.Version>> versions(String tenant) {
        return documents.versions(tenant);
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
