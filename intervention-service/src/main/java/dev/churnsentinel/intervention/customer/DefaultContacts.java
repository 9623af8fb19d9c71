package dev.churnsentinel.intervention.customer;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings;
import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.platform.cache.PerTenant;
import dev.churnsentinel.platform.vertx.CallerContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * The {@code tenant_default_contact} table, every query of it: the people a tenant's administrators set through the
 * API to act in a role for customers whose profile names nobody in it. A tenant's defaults are these, then
 * configuration's for the roles the API has not set; kept {@value #FRESH_SECONDS} seconds, so every replica sees a
 * change within that.
 */
@ApplicationScoped
public class DefaultContacts {
    static final int FRESH_SECONDS = 3;

    /**
     * A default contact set through the API or the console, in configuration's shape.
     *
     * @param updatedBy who set it last (an API key's name, a console user's e-mail); null before that was recorded
     */
    public record Stored(String id, Optional<String> name, Optional<String> email, String updatedBy)
            implements InterventionConfig.DefaultContact {
    }

    /** A default contact of one tenant, in one role. */
    public record InRole(String tenant, String role, InterventionConfig.DefaultContact contact) {
    }

    private static final String COLUMNS = "tenant, role, contact_id, name, email, updated_by";

    private final Pool pool;
    private final InterventionConfig config;
    private final PerTenant<SortedMap<String, Sourced<InterventionConfig.DefaultContact>>> cache =
            new PerTenant<>(Duration.ofSeconds(FRESH_SECONDS));

    public DefaultContacts(Pool pool, InterventionConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The tenant's default contacts by role, with where each comes from. */
    public Uni<SortedMap<String, Sourced<InterventionConfig.DefaultContact>>> of(String tenant) {
        return cache.get(tenant, t -> CallerContext.resumeOn(pool.preparedQuery("select " + COLUMNS
                        + " from tenant_default_contact where tenant = $1").execute(Tuple.of(t)))
                .map(rows -> {
                    Map<String, InterventionConfig.DefaultContact> stored = new HashMap<>();
                    rows.forEach(row -> stored.put(row.getString("role"), stored(row)));
                    return TenantSettings.merge(stored, configured(t));
                }));
    }

    /** Every tenant's default contact, in any role, with this e-mail address (either layer, as notifications see them). */
    public Uni<List<InRole>> withEmail(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        Set<String> configTenants = new LinkedHashSet<>();
        config.defaultContacts().forEach((tenant, roles) -> roles.values().forEach(contact -> {
            if (contact.email().map(e -> e.trim().equalsIgnoreCase(wanted)).orElse(false)) {
                configTenants.add(tenant);
            }
        }));
        // this address's rows, and every row of the tenants where configuration names it (a row may override it)
        return CallerContext.resumeOn(pool.preparedQuery("select " + COLUMNS + " from tenant_default_contact "
                        + "where lower(email) = $1 or tenant = any($2)")
                .execute(Tuple.of(wanted, configTenants.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, Map<String, InterventionConfig.DefaultContact>> stored = new HashMap<>();
                    rows.forEach(row -> stored.computeIfAbsent(row.getString("tenant"), t -> new HashMap<>())
                            .put(row.getString("role"), stored(row)));
                    Set<String> tenants = new LinkedHashSet<>(configTenants);
                    tenants.addAll(stored.keySet());
                    List<InRole> found = new ArrayList<>();
                    for (String tenant : tenants) {
                        TenantSettings.merge(stored.getOrDefault(tenant, Map.of()), configured(tenant)).forEach((role, c) -> {
                            if (c.value().email().map(e -> e.trim().equalsIgnoreCase(wanted)).orElse(false)) {
                                found.add(new InRole(tenant, role, c.value()));
                            }
                        });
                    }
                    return found;
                });
    }

    /**
     * Sets the tenant's default contact for the role, recording who did ({@code by}); true when the tenant had none in
     * it before, in either layer.
     */
    public Uni<Boolean> put(String tenant, String role, String id, String name, String email, String by) {
        boolean configured = configured(tenant).containsKey(role);
        return CallerContext.resumeOn(pool.preparedQuery("insert into tenant_default_contact (" + COLUMNS + ", updated_at) "
                        + "values ($1, $2, $3, $4, $5, $6, now()) on conflict (tenant, role) do update set "
                        + "contact_id = excluded.contact_id, name = excluded.name, email = excluded.email, "
                        + "updated_by = excluded.updated_by, updated_at = now() "
                        + "returning (xmax = 0) as inserted")
                .execute(Tuple.from(Arrays.asList(tenant, role, id, name, email, by))))
                .map(rows -> rows.iterator().next().getBoolean("inserted") && !configured)
                .invoke(() -> cache.forget(tenant));
    }

    /** Removes the default contact the API set; false when the API set none in that role (configuration's stay). */
    public Uni<Boolean> delete(String tenant, String role) {
        return CallerContext.resumeOn(pool.preparedQuery("delete from tenant_default_contact where tenant = $1 and role = $2")
                        .execute(Tuple.of(tenant, role)))
                .map(rows -> rows.rowCount() > 0)
                .invoke(() -> cache.forget(tenant));
    }

    private Map<String, InterventionConfig.DefaultContact> configured(String tenant) {
        return config.defaultContacts().getOrDefault(tenant, Map.of());
    }

    private static Stored stored(Row row) {
        return new Stored(row.getString("contact_id"), Optional.ofNullable(row.getString("name")),
                Optional.ofNullable(row.getString("email")), row.getString("updated_by"));
    }
}
