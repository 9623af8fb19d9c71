package dev.churnsentinel.intervention.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.platform.cache.PerTenant;
import dev.churnsentinel.platform.store.VersionedDocuments;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The playbooks in force per tenant: the highest version a tenant has put, else the configured default document.
 * Cached for a few seconds per tenant (every tier change plans a task with them): a new version is used by this
 * replica at once and by the others within {@link #FRESH_FOR}. Call within a session.
 */
@Startup
@ApplicationScoped
public class PlaybookStore {
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final PerTenant<Playbooks> cache = new PerTenant<>(FRESH_FOR);
    private final Playbooks defaults;
    private final VersionedDocuments<Playbooks> documents;

    public PlaybookStore(InterventionConfig config, ObjectMapper mapper, JsonColumns json) {
        String location = config.playbooks();
        try (InputStream in = location.startsWith("classpath:")
                ? PlaybookStore.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))
                : Files.newInputStream(Path.of(location))) {
            if (in == null) {
                throw new IOException("playbooks " + location + " not found");
            }
            Playbooks read = mapper.readValue(in, Playbooks.class);
            this.defaults = read.withVersion(read.version() == null ? 1 : read.version());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read playbooks " + location, e);
        }
        var problems = PlaybookRules.problems(defaults);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("playbooks " + location + " are not usable: " + problems);
        }
        Log.infof("default playbooks version %d loaded from %s", defaults.version(), location);
        this.documents = new VersionedDocuments<>("playbook", new VersionedDocuments.Format<>(
                document -> json.read(document, Playbooks.class), json::write, Playbooks::version, Playbooks::withVersion),
                defaults, "the playbooks are at version %d, not %d; read them again and reapply your change");
    }

    /**
     * The playbooks in force. (Hibernate keeps a new plan for the native query that reads them on every call, all under
     * one hash, so a lookup grows slower with every call: the cache also spares it that.)
     */
    public Uni<Playbooks> current(String tenant) {
        return cache.get(tenant, documents::current);
    }

    /**
     * Puts a new version for the tenant and returns it. {@code expectedVersion}, when given, must be the version in
     * force (so two people editing at once do not silently overwrite each other): else 409.
     */
    public Uni<Playbooks> replace(String tenant, Playbooks document, Integer expectedVersion, String actor) {
        return documents.put(tenant, document, expectedVersion, actor).invoke(next -> {
            Log.infof("tenant %s: playbooks version %d put by %s", tenant, next.version(), actor);
            cache.put(tenant, next);
        });
    }

    /** Every version the tenant has put, newest first (the default document is version 1 unless they replaced it). */
    public Uni<List<Version>> versions(String tenant) {
        return documents.versions(tenant).map(versions -> versions.stream()
                .map(v -> new Version(v.version(), v.createdAt(), v.createdBy())).toList());
    }

    public record Version(int version, OffsetDateTime createdAt, String createdBy) {
    }
}
