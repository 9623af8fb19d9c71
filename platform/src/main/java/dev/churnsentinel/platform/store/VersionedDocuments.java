package dev.churnsentinel.platform.store;

import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A document each tenant keeps in versions, in a table of {@code (tenant, version, document jsonb, created_at,
 * created_by)} keyed by tenant and version: the highest version is in force, else a default. A new version names the
 * version it replaces, when the caller knows it, so two people editing at once do not silently overwrite each other:
 * else 409, as when someone else puts the same version at the same moment. Call within a session; the services cache
 * what is in force per tenant ({@link dev.churnsentinel.platform.cache.PerTenant}).
 */
public final class VersionedDocuments<T> {

    /** How a document is read from and written to its column, and how its version is kept in it. */
    public record Format<T>(Function<String, T> read, Function<T, String> write, ToIntFunction<T> version,
                            BiFunction<T, Integer, T> withVersion) {
    }

    /** One version a tenant put; {@code name} is the document's own {@code name}, if it has one. */
    public record Version(int version, String name, OffsetDateTime createdAt, String createdBy) {
    }

    private final String table;
    private final Format<T> format;
    private final T defaults;
    private final String stale;

    /**
     * @param table    the table's name (a constant of the code, never input)
     * @param defaults what is in force for a tenant who put none
     * @param stale    the 409's detail when the version named is not the one in force: a format of the version in
     *                 force and the one named
     */
    public VersionedDocuments(String table, Format<T> format, T defaults, String stale) {
        this.table = table;
        this.format = format;
        this.defaults = defaults;
        this.stale = stale;
    }

    /** The version in force, from the database. */
    public Uni<T> current(String tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select version, document::text as document "
                        + "from " + table + " where tenant = ?1 order by version desc limit 1", Tuple.class)
                .setParameter(1, tenant).getResultList())
                .map(rows -> rows.isEmpty() ? defaults : format.withVersion().apply(
                        format.read().apply(rows.get(0).get("document", String.class)), rows.get(0).get("version", Integer.class)));
    }

    /**
     * Version {@code version} as the tenant put it (the defaults' own version when the tenant put none by that number),
     * or null when there is no such version.
     */
    public Uni<T> version(String tenant, int version) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select document::text as document "
                        + "from " + table + " where tenant = ?1 and version = ?2", String.class)
                .setParameter(1, tenant).setParameter(2, version).getResultList())
                .map(rows -> !rows.isEmpty() ? format.withVersion().apply(format.read().apply(rows.get(0)), version)
                        : version == format.version().applyAsInt(defaults) ? defaults : null);
    }

    /** Puts {@code document} as the next version and returns it (409 when {@code expectedVersion} is not in force). */
    public Uni<T> put(String tenant, T document, Integer expectedVersion, String actor) {
        return current(tenant).flatMap(current -> {
            int inForce = format.version().applyAsInt(current);
            if (expectedVersion != null && expectedVersion != inForce) {
                throw new ProblemException(409, "Conflict", stale.formatted(inForce, expectedVersion));
            }
            T next = format.withVersion().apply(document, inForce + 1);
            return Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "insert into " + table + " (tenant, version, document, created_at, created_by) "
                                    + "values (?1, ?2, cast(cast(?3 as text) as jsonb), ?4, ?5) on conflict do nothing")
                    .setParameter(1, tenant).setParameter(2, inForce + 1).setParameter(3, format.write().apply(next))
                    .setParameter(4, OffsetDateTime.now()).setParameter(5, actor).executeUpdate())
                    .map(inserted -> {
                        if (inserted == 0) {
                            throw new ProblemException(409, "Conflict",
                                    "someone else put version " + (inForce + 1) + " at the same moment; read it and retry");
                        }
                        return next;
                    });
        });
    }

    /** Every version the tenant has put, newest first. */
    public Uni<List<Version>> versions(String tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select version, document->>'name' as name, "
                        + "created_at, created_by from " + table + " where tenant = ?1 order by version desc", Tuple.class)
                .setParameter(1, tenant).getResultList())
                .map(rows -> rows.stream().map(row -> new Version(row.get("version", Integer.class), row.get("name", String.class),
                        toOffset(row.get("created_at")), row.get("created_by", String.class))).toList());
    }

    private static OffsetDateTime toOffset(Object value) {
        return value instanceof OffsetDateTime o ? o : OffsetDateTime.parse(value.toString());
    }
}
