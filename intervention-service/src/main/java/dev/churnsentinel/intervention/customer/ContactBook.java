package dev.churnsentinel.intervention.customer;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import dev.churnsentinel.platform.vertx.InOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Customers' profiles and the people who act for the tenant on them: the owner of both tables. */
@ApplicationScoped
public class ContactBook {
    private final InterventionConfig config;
    private final DefaultContacts defaults;

    public ContactBook(InterventionConfig config, DefaultContacts defaults) {
        this.config = config;
        this.defaults = defaults;
    }

    /**
     * Replaces the profiles and contacts of the given customers with the ones just received: per tenant, one delete
     * of each table and one multi-row insert of each, whatever the number of customers.
     */
    public Uni<Void> replace(Map<CustomerKey, CustomerUpserted> latest) {
        return InOrder.each(byTenant(latest.keySet()).entrySet(), tenant -> {
            List<String> ids = tenant.getValue();
            List<String> names = new ArrayList<>(), valueTiers = new ArrayList<>(), values = new ArrayList<>();
            List<String> contactOf = new ArrayList<>(), roles = new ArrayList<>(), contactIds = new ArrayList<>(),
                    contactNames = new ArrayList<>(), emails = new ArrayList<>(), phones = new ArrayList<>();
            for (String id : ids) {
                CustomerUpserted customer = latest.get(new CustomerKey(tenant.getKey(), id));
                names.add(blankToNull(customer.getName()));
                valueTiers.add(blankToNull(customer.getValueTier()));
                values.add(BigDecimal.valueOf(customer.getAnnualValue()).toPlainString());
                customer.getContactsMap().forEach((role, contact) -> {
                    contactOf.add(id);
                    roles.add(role);
                    contactIds.add(contact.getId());
                    contactNames.add(blankToNull(contact.getName()));
                    emails.add(blankToNull(contact.getEmail()));
                    phones.add(blankToNull(contact.getPhone()));
                });
            }
            return CustomerProfile.delete("tenant = ?1 and customerId in ?2", tenant.getKey(), ids)
                    .chain(() -> CustomerContact.delete("tenant = ?1 and customerId in ?2", tenant.getKey(), ids))
                    .chain(() -> insert("insert into customer_profile (tenant, customer_id, name, value_tier, annual_value, "
                            + "updated_at) select ?1, c, n, v, cast(a as numeric), now() from unnest(cast(?2 as text[]), "
                            + "cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[])) as p(c, n, v, a)",
                            tenant.getKey(), ids, names, valueTiers, values))
                    .chain(() -> contactOf.isEmpty() ? Uni.createFrom().voidItem() : insert(
                            "insert into customer_contact (tenant, customer_id, role, contact_id, name, email, phone) "
                                    + "select ?1, c, r, i, n, e, p from unnest(cast(?2 as text[]), cast(?3 as text[]), "
                                    + "cast(?4 as text[]), cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[])) "
                                    + "as x(c, r, i, n, e, p)",
                            tenant.getKey(), contactOf, roles, contactIds, contactNames, emails, phones));
        });
    }

    /** What {@link #erase} removed: profiles and contacts. */
    public record Erased(int profiles, int contacts) {
    }

    /** Removes the customer's profile and contacts, in the caller's transaction (an erasure). */
    public Uni<Erased> erase(String tenant, String customerId) {
        return CustomerProfile.delete("tenant = ?1 and customerId = ?2", tenant, customerId)
                .flatMap(profiles -> CustomerContact.delete("tenant = ?1 and customerId = ?2", tenant, customerId)
                        .map(contacts -> new Erased(profiles.intValue(), contacts.intValue())));
    }

    /** A native multi-row insert: the tenant, then one array per column. */
    @SafeVarargs
    private static Uni<Void> insert(String sql, String tenant, List<String>... columns) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql).setParameter(1, tenant);
            for (int i = 0; i < columns.length; i++) {
                query.setParameter(i + 2, columns[i].toArray(String[]::new));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * The profiles and contacts of a batch's customers, read with two queries per tenant of the batch: what a poll of
     * tier changes needs to address its tasks, without a lookup per task.
     */
    public Uni<Known> known(Collection<CustomerKey> customers) {
        Map<CustomerKey, CustomerProfile> profiles = new HashMap<>();
        Map<CustomerKey, List<CustomerContact>> contacts = new HashMap<>();
        Map<String, Map<String, InterventionConfig.DefaultContact>> fallbacks = new HashMap<>();
        return InOrder.each(byTenant(customers).entrySet(), tenant -> CustomerProfile.<CustomerProfile>find(
                                "tenant = ?1 and customerId in ?2", tenant.getKey(), tenant.getValue()).list()
                        .invoke(list -> list.forEach(p -> profiles.put(new CustomerKey(p.tenant, p.customerId), p)))
                        .chain(() -> CustomerContact.<CustomerContact>find("tenant = ?1 and customerId in ?2",
                                tenant.getKey(), tenant.getValue()).list())
                        .invoke(list -> list.forEach(c -> contacts.computeIfAbsent(new CustomerKey(c.tenant, c.customerId),
                                k -> new ArrayList<>()).add(c)))
                        .chain(() -> defaults.of(tenant.getKey()))
                        .invoke(merged -> fallbacks.put(tenant.getKey(), TenantSettings.values(merged)))
                        .replaceWithVoid())
                .map(ignored -> new Known(profiles, contacts, fallbacks));
    }

    /** What {@link #known} read: each customer's profile (or null) and who acts on them. */
    public final class Known {
        private final Map<CustomerKey, CustomerProfile> profiles;
        private final Map<CustomerKey, List<CustomerContact>> contacts;
        private final Map<String, Map<String, InterventionConfig.DefaultContact>> fallbacks;

        private Known(Map<CustomerKey, CustomerProfile> profiles, Map<CustomerKey, List<CustomerContact>> contacts,
                      Map<String, Map<String, InterventionConfig.DefaultContact>> fallbacks) {
            this.profiles = profiles;
            this.contacts = contacts;
            this.fallbacks = fallbacks;
        }

        public CustomerProfile profile(CustomerKey customer) {
            return profiles.get(customer);
        }

        /** The customer's contact for the role, else the tenant's default for it, else null. */
        public Assignee resolve(CustomerKey customer, String role) {
            for (CustomerContact contact : contacts.getOrDefault(customer, List.of())) {
                if (contact.role.equals(role)) {
                    return new Assignee(contact.contactId, contact.name, role, contact.email);
                }
            }
            return fallback(fallbacks.getOrDefault(customer.tenant(), Map.of()), role);
        }
    }

    private static Map<String, List<String>> byTenant(Collection<CustomerKey> customers) {
        Map<String, List<String>> byTenant = new LinkedHashMap<>();
        customers.forEach(key -> byTenant.computeIfAbsent(key.tenant(), t -> new ArrayList<>()).add(key.customerId()));
        return byTenant;
    }

    /** The tenant's default contact for the role (of {@link DefaultContacts#of}), or null. */
    private static Assignee fallback(Map<String, ? extends InterventionConfig.DefaultContact> defaults, String role) {
        InterventionConfig.DefaultContact fallback = defaults.get(role);
        return fallback == null ? null : assignee(role, fallback);
    }

    private static Assignee assignee(String role, InterventionConfig.DefaultContact contact) {
        return new Assignee(contact.id(), contact.name().orElse(null), role, contact.email().orElse(null));
    }

    /** The customer's contact for the role, else the tenant's default for it, else null. */
    public Uni<Assignee> resolve(String tenant, String customerId, String role) {
        return CustomerContact.<CustomerContact>find("tenant = ?1 and customerId = ?2 and role = ?3", tenant, customerId, role)
                .firstResult()
                .chain(contact -> contact != null
                        ? Uni.createFrom().item(new Assignee(contact.contactId, contact.name, role, contact.email))
                        : defaults.of(tenant).map(merged -> fallback(TenantSettings.values(merged), role)));
    }

    /** The person with this id among the customer's contacts, else among the tenant's defaults, else null. */
    public Uni<Assignee> person(String tenant, String customerId, String contactId) {
        return CustomerContact.<CustomerContact>find("tenant = ?1 and customerId = ?2 and contactId = ?3",
                        tenant, customerId, contactId).firstResult()
                .chain(contact -> {
                    if (contact != null) {
                        return Uni.createFrom().item(new Assignee(contact.contactId, contact.name, contact.role, contact.email));
                    }
                    return defaults.of(tenant).map(merged -> {
                        for (Map.Entry<String, TenantSettings.Sourced<InterventionConfig.DefaultContact>> fallback : merged.entrySet()) {
                            if (fallback.getValue().value().id().equals(contactId)) {
                                return assignee(fallback.getKey(), fallback.getValue().value());
                            }
                        }
                        return null;
                    });
                });
    }

    /** The role {@link #whoIs} gives a tenant's console administrators (named in configuration). */
    public static final String CONSOLE_ADMIN = "CONSOLE_ADMIN";

    /** A person as the console knows them: their name and the roles they play for any of the tenant's customers. */
    public record Person(String tenant, String email, String name, Set<String> roles) {
    }

    /**
     * Every tenant in which the address is a contact, a default contact or a console administrator, with the roles
     * it plays there.
     */
    @WithSession
    public Uni<List<Person>> whoIs(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return CustomerContact.<CustomerContact>find("lower(email) = ?1", wanted).list()
                .flatMap(contacts -> defaults.withEmail(wanted).map(fallbacks -> {
                    Map<String, Person> byTenant = new TreeMap<>();
                    for (CustomerContact c : contacts) {
                        add(byTenant, c.tenant, wanted, c.name, c.role);
                    }
                    fallbacks.forEach(f -> add(byTenant, f.tenant(), wanted, f.contact().name().orElse(null), f.role()));
                    config.console().admins().forEach((tenant, admins) -> {
                        if (admins.stream().anyMatch(a -> a.trim().equalsIgnoreCase(wanted))) {
                            add(byTenant, tenant, wanted, null, CONSOLE_ADMIN);
                        }
                    });
                    return List.copyOf(byTenant.values());
                }));
    }

    private static void add(Map<String, Person> byTenant, String tenant, String email, String name, String role) {
        Person known = byTenant.get(tenant);
        Set<String> roles = new TreeSet<>(known == null ? Set.of() : known.roles());
        roles.add(role);
        byTenant.put(tenant, new Person(tenant, email, known != null && known.name() != null ? known.name() : name, roles));
    }

    /** The people a task of this customer can go to: the customer's contacts, then the tenant's defaults. */
    @WithSession
    public Uni<List<Assignee>> people(String tenant, String customerId) {
        return CustomerContact.<CustomerContact>find("tenant = ?1 and customerId = ?2 order by role", tenant, customerId)
                .list().flatMap(contacts -> defaults.of(tenant).map(merged -> {
                    Map<String, Assignee> byId = new LinkedHashMap<>();
                    contacts.forEach(c -> byId.putIfAbsent(c.contactId, new Assignee(c.contactId, c.name, c.role, c.email)));
                    merged.forEach((role, d) -> byId.putIfAbsent(d.value().id(), assignee(role, d.value())));
                    return List.copyOf(byId.values());
                }));
    }

    /** The customers the address is a contact of, in the tenant (a person's team). */
    @WithSession
    public Uni<List<String>> customersOf(String tenant, String email) {
        return CustomerContact.<CustomerContact>find("tenant = ?1 and lower(email) = ?2", tenant,
                email.trim().toLowerCase(Locale.ROOT)).list().map(list -> list.stream().map(c -> c.customerId).distinct().toList());
    }

    /** The names of customers that have one, by customer id. */
    @WithSession
    public Uni<Map<String, String>> names(String tenant, List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return CustomerProfile.<CustomerProfile>find("tenant = ?1 and customerId in ?2", tenant, customerIds).list()
                .map(profiles -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    profiles.stream().filter(p -> p.name != null).forEach(p -> names.put(p.customerId, p.name));
                    return names;
                });
    }

    @WithSession
    public Uni<CustomerProfile> profile(String tenant, String customerId) {
        return CustomerProfile.find("tenant = ?1 and customerId = ?2", tenant, customerId).firstResult();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
