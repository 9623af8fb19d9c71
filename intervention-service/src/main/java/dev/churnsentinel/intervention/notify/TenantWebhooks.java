package dev.churnsentinel.intervention.notify;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings;
import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.intervention.WebhookFormat;
import dev.churnsentinel.platform.cache.PerTenant;
import dev.churnsentinel.platform.vertx.CallerContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The {@code tenant_webhook} table, every query of it: the chat robots and HTTP receivers a tenant's administrators
 * set through the API. A tenant's webhooks, as notifications use them, are these, then configuration's for the names
 * the API has not set; kept {@value #FRESH_SECONDS} seconds, so every replica sees a change within that. Read with
 * the reactive client: from a reactive chain, or awaited by the dispatcher's sender threads.
 */
@ApplicationScoped
public class TenantWebhooks {
    static final int FRESH_SECONDS = 3;

    /**
     * A webhook set through the API or the console, in configuration's shape.
     *
     * @param updatedBy who set it last (an API key's name, a console user's e-mail); null before that was recorded
     */
    public record Stored(String url, WebhookFormat format, Optional<String> secret, Optional<List<String>> tiers,
                         String updatedBy) implements InterventionConfig.Webhook {
    }

    private final Pool pool;
    private final InterventionConfig config;
    private final PerTenant<SortedMap<String, Sourced<InterventionConfig.Webhook>>> cache =
            new PerTenant<>(Duration.ofSeconds(FRESH_SECONDS));

    public TenantWebhooks(Pool pool, InterventionConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The tenant's webhooks by name, with where each comes from. */
    public Uni<SortedMap<String, Sourced<InterventionConfig.Webhook>>> of(String tenant) {
        return cache.get(tenant, t -> CallerContext.resumeOn(pool.preparedQuery(
                        "select name, url, format, secret, tiers, updated_by from tenant_webhook where tenant = $1").execute(Tuple.of(t)))
                .map(rows -> {
                    Map<String, InterventionConfig.Webhook> stored = new HashMap<>();
                    for (Row row : rows) {
                        String tiers = row.getString("tiers");
                        stored.put(row.getString("name"), new Stored(row.getString("url"),
                                WebhookFormat.valueOf(row.getString("format")), Optional.ofNullable(row.getString("secret")),
                                Optional.ofNullable(tiers).map(list -> List.of(list.split(","))),
                                row.getString("updated_by")));
                    }
                    return TenantSettings.merge(stored, configured(t));
                }));
    }

    /**
     * Sets the tenant's webhook of that name.
     *
     * @param secret the signing secret; null keeps the one it has (the API's, else configuration's), "" removes it
     * @param tiers  the tiers it is told of; null for all
     * @param by     who sets it, for the record
     * @return whether the tenant had no webhook of that name before, in either layer
     */
    public Uni<Boolean> put(String tenant, String name, String url, WebhookFormat format, String secret, List<String> tiers,
                            String by) {
        InterventionConfig.Webhook configured = configured(tenant).get(name);
        String inserted = secret != null ? blankToNull(secret)
                : configured == null ? null : configured.secret().orElse(null);
        return CallerContext.resumeOn(pool.preparedQuery("insert into tenant_webhook (tenant, name, url, format, secret, "
                        + "tiers, updated_at, updated_by) values ($1, $2, $3, $4, $5, $6, now(), $8) on conflict (tenant, name) do update "
                        + "set url = excluded.url, format = excluded.format, tiers = excluded.tiers, updated_at = now(), "
                        + "updated_by = excluded.updated_by, "
                        + "secret = case when cast($7 as boolean) then excluded.secret else tenant_webhook.secret end "
                        + "returning (xmax = 0) as inserted")
                .execute(Tuple.from(Arrays.asList(tenant, name, url, format.name(), inserted,
                        tiers == null ? null : String.join(",", tiers), secret != null, by))))
                .map(rows -> rows.iterator().next().getBoolean("inserted") && configured == null)
                .invoke(() -> cache.forget(tenant));
    }

    /** Removes the webhook the API set; false when the API set none of that name (configuration's stay). */
    public Uni<Boolean> delete(String tenant, String name) {
        return CallerContext.resumeOn(pool.preparedQuery("delete from tenant_webhook where tenant = $1 and name = $2")
                        .execute(Tuple.of(tenant, name)))
                .map(rows -> rows.rowCount() > 0)
                .invoke(() -> cache.forget(tenant));
    }

    private Map<String, InterventionConfig.Webhook> configured(String tenant) {
        return config.webhooks().getOrDefault(tenant, Map.of());
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
