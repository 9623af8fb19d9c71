package dev.churnsentinel.ingestion.admin;

import dev.churnsentinel.platform.auth.StoredKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Every query of {@code api_key}: the keys tenants' administrators made through the API. */
@ApplicationScoped
public class ApiKeyStore {
    private static final String COLUMNS = "id, tenant, name, prefix, roles, created_at, created_by, last_used_at, "
            + "expires_at, revoked_at, revoked_by, replaced_by";

    private final Pool pool;

    public ApiKeyStore(Pool pool) {
        this.pool = pool;
    }

    /** A key to store: its SHA-256 and what it may do. */
    record New(UUID id, String name, KeyRules.NewKey key, List<String> roles, Instant at, String by) {
    }

    Uni<ApiKeyView> create(String tenant, New key) {
        return insert(pool, tenant, key);
    }

    private Uni<ApiKeyView> insert(SqlClient client, String tenant, New key) {
        return client.preparedQuery("insert into api_key (id, tenant, name, prefix, sha256, roles, created_at, created_by) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8) returning " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(key.id(), tenant, key.name(), key.key().prefix(),
                        io.vertx.core.buffer.Buffer.buffer(key.key().sha256()),
                        key.roles().toArray(String[]::new), utc(key.at()), key.by())))
                .map(rows -> view(rows.iterator().next(), key.at()));
    }

    /** The tenant's keys, newest first, revoked and expired ones too. */
    Uni<List<ApiKeyView>> list(String tenant, Instant now) {
        return pool.preparedQuery("select " + COLUMNS + " from api_key where tenant = $1 order by created_at desc, id")
                .execute(Tuple.of(tenant))
                .map(rows -> views(rows, now));
    }

    /** The tenant's key of that id (another tenant's is as absent as one that never was). */
    Uni<Optional<ApiKeyView>> find(String tenant, UUID id, Instant now) {
        return pool.preparedQuery("select " + COLUMNS + " from api_key where tenant = $1 and id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> views(rows, now).stream().findFirst());
    }

    /** Revokes the key now (a key already revoked keeps its first revocation); empty when the tenant has no such key. */
    Uni<Optional<ApiKeyView>> revoke(String tenant, UUID id, Instant at, String by) {
        return pool.preparedQuery("update api_key set revoked_at = coalesce(revoked_at, $3), revoked_by = coalesce(revoked_by, $4) "
                        + "where tenant = $1 and id = $2 returning " + COLUMNS)
                .execute(Tuple.of(tenant, id, utc(at), by))
                .map(rows -> views(rows, at).stream().findFirst());
    }

    /** What a rotation did: the new key, and the old one with the end of its overlap. */
    record Rotation(ApiKeyView created, ApiKeyView previous) {
    }

    /**
     * Makes the new key and lets the old one work until {@code until} (or its own earlier end), in one transaction;
     * empty when the tenant has no such key, a failure {@link IllegalStateException} when it no longer works.
     */
    Uni<Optional<Rotation>> rotate(String tenant, UUID oldId, New key, Instant until) {
        return pool.withTransaction(tx -> tx.preparedQuery("select " + COLUMNS + " from api_key where tenant = $1 and id = $2 for update")
                .execute(Tuple.of(tenant, oldId))
                .flatMap(rows -> {
                    Optional<ApiKeyView> old = views(rows, key.at()).stream().findFirst();
                    if (old.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Rotation>empty());
                    }
                    if (old.get().status() != ApiKeyView.Status.ACTIVE) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "key " + old.get().prefix() + " is " + old.get().status() + ": make a new key instead"));
                    }
                    return insert(tx, tenant, key).flatMap(created -> tx.preparedQuery("update api_key set "
                                    + "expires_at = least(coalesce(expires_at, $3), $3), replaced_by = $4 "
                                    + "where tenant = $1 and id = $2 returning " + COLUMNS)
                            .execute(Tuple.of(tenant, oldId, utc(until), created.id()))
                            .map(updated -> Optional.of(new Rotation(created, views(updated, key.at()).get(0)))));
                }));
    }

    /**
     * The working key of that SHA-256, noting that it was used at {@code now} (so {@code lastUsedAt} is as recent as
     * the services' caches of keys allow).
     */
    public Uni<Optional<StoredKey>> use(byte[] sha256, Instant now) {
        return pool.preparedQuery("update api_key set last_used_at = $2 where sha256 = $1 and revoked_at is null "
                        + "and (expires_at is null or expires_at > $2) returning id, tenant, name, prefix, roles, expires_at")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(sha256), utc(now)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new StoredKey(row.getUUID("id"), row.getString("tenant"), row.getString("name"),
                            row.getString("prefix"), roles(row),
                            instant(row.getOffsetDateTime("expires_at"))));
                });
    }

    private static List<ApiKeyView> views(RowSet<Row> rows, Instant now) {
        List<ApiKeyView> views = new java.util.ArrayList<>();
        rows.forEach(row -> views.add(view(row, now)));
        return views;
    }

    private static ApiKeyView view(Row row, Instant now) {
        Instant revokedAt = instant(row.getOffsetDateTime("revoked_at"));
        Instant expiresAt = instant(row.getOffsetDateTime("expires_at"));
        ApiKeyView.Status status = revokedAt != null ? ApiKeyView.Status.REVOKED
                : expiresAt != null && !now.isBefore(expiresAt) ? ApiKeyView.Status.EXPIRED : ApiKeyView.Status.ACTIVE;
        return new ApiKeyView(row.getUUID("id"), row.getString("name"), row.getString("prefix"),
                roles(row), status,
                instant(row.getOffsetDateTime("created_at")), row.getString("created_by"),
                instant(row.getOffsetDateTime("last_used_at")), expiresAt, revokedAt, row.getString("revoked_by"),
                row.getUUID("replaced_by"), null);
    }

    private static Set<String> roles(Row row) {
        return new LinkedHashSet<>(Arrays.asList(row.getArrayOfStrings("roles")));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
