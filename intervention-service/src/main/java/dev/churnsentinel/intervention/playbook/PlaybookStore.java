package dev.churnsentinel.intervention.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.JsonColumns;
import dev.churnsentinel.platform.cache.PerTenant;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
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
    private final JsonColumns json;

    public PlaybookStore(InterventionConfig config, ObjectMapper mapper, JsonColumns json) {
        this.json = json;
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
    }

    public Uni<Playbooks> current(String tenant) {
        return cache.get(tenant, this::load);
    }

    /**
     * From the database. (Hibernate keeps a new plan for this native query on every call, all under one hash, so a
     * lookup grows slower with every call: the cache above also spares it that.)
     */
    private Uni<Playbooks> load(String tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select version, document::text from playbook where tenant = ?1 order by version desc limit 1",
                        Object[].class)
                .setParameter(1, tenant).getResultList())
                .map(rows -> rows.isEmpty() ? defaults : json.read((String) rows.get(0)[1], Playbooks.class).withVersion((Integer) rows.get(0)[0]));
    }

    /**
     * Puts a new version for the tenant and returns it. {@code expectedVersion}, when given, must be the version in
     * force (so two people editing at once do not silently overwrite each other): else 409.
     */
    public Uni<Playbooks> replace(String tenant, Playbooks document, Integer expectedVersion, String actor) {
        return load(tenant).flatMap(current -> {
            if (expectedVersion != null && !expectedVersion.equals(current.version())) {
                throw new ProblemException(409, "Conflict", "the playbooks are at version " + current.version()
                        + ", not " + expectedVersion + "; read them again and reapply your change");
            }
            Playbooks next = document.withVersion(current.version() + 1);
            return Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "insert into playbook (tenant, version, document, created_at, created_by) "
                                    + "values (?1, ?2, cast(cast(?3 as text) as jsonb), ?4, ?5) on conflict do nothing")
                    .setParameter(1, tenant).setParameter(2, next.version()).setParameter(3, json.write(next))
                    .setParameter(4, OffsetDateTime.now()).setParameter(5, actor).executeUpdate())
                    .map(inserted -> {
                        if (inserted == 0) {
                            throw new ProblemException(409, "Conflict",
                                    "someone else put version " + next.version() + " at the same moment; read it and retry");
                        }
                        Log.infof("tenant %s: playbooks version %d put by %s", tenant, next.version(), actor);
                        cache.put(tenant, next);
                        return next;
                    });
        });
    }

    /** Every version the tenant has put, newest first (the default document is version 1 unless they replaced it). */
    public Uni<List<Version>> versions(String tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select version, created_at, created_by from playbook where tenant = ?1 order by version desc",
                        Object[].class)
                .setParameter(1, tenant).getResultList())
                .map(rows -> rows.stream().map(r -> new Version((Integer) r[0], toOffset(r[1]), (String) r[2])).toList());
    }

    public record Version(int version, OffsetDateTime createdAt, String createdBy) {
    }

    private static OffsetDateTime toOffset(Object value) {
        return value instanceof OffsetDateTime o ? o : OffsetDateTime.parse(value.toString());
    }
}
