package dev.churnsentinel.intervention.customer;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
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

    public ContactBook(InterventionConfig config) {
        this.config = config;
    }

    /** Replaces the customer's profile and contacts with the ones just received. */
    public Uni<Void> replace(String tenant, String customerId, CustomerUpserted customer) {
        return CustomerProfile.delete("tenant = ?1 and customerId = ?2", tenant, customerId)
                .chain(() -> CustomerContact.delete("tenant = ?1 and customerId = ?2", tenant, customerId))
                .chain(() -> {
                    CustomerProfile profile = new CustomerProfile();
                    profile.tenant = tenant;
                    profile.customerId = customerId;
                    profile.name = customer.getName().isBlank() ? null : customer.getName();
                    profile.valueTier = customer.getValueTier().isBlank() ? null : customer.getValueTier();
                    profile.annualValue = BigDecimal.valueOf(customer.getAnnualValue());
                    profile.updatedAt = OffsetDateTime.now();
                    return profile.persist();
                })
                .chain(() -> {
                    Uni<?> saved = Uni.createFrom().voidItem();
                    for (Map.Entry<String, dev.churnsentinel.proto.events.v1.Contact> entry : customer.getContactsMap().entrySet()) {
                        CustomerContact contact = new CustomerContact();
                        contact.tenant = tenant;
                        contact.customerId = customerId;
                        contact.role = entry.getKey();
                        contact.contactId = entry.getValue().getId();
                        contact.name = blankToNull(entry.getValue().getName());
                        contact.email = blankToNull(entry.getValue().getEmail());
                        contact.phone = blankToNull(entry.getValue().getPhone());
                        saved = saved.chain(contact::persist);
                    }
                    return saved;
                })
                .replaceWithVoid();
    }

    /** The customer's contact for the role, else the tenant's default for it, else null. */
    public Uni<Assignee> resolve(String tenant, String customerId, String role) {
        return CustomerContact.<CustomerContact>find("tenant = ?1 and customerId = ?2 and role = ?3", tenant, customerId, role)
                .firstResult()
                .map(contact -> {
                    if (contact != null) {
                        return new Assignee(contact.contactId, contact.name, role, contact.email);
                    }
                    InterventionConfig.DefaultContact fallback = config.defaultContacts()
                            .getOrDefault(tenant, Map.of()).get(role);
                    return fallback == null ? null
                            : new Assignee(fallback.id(), fallback.name().orElse(null), role, fallback.email().orElse(null));
                });
    }

    /** The person with this id among the customer's contacts, else among the tenant's defaults, else null. */
    public Uni<Assignee> person(String tenant, String customerId, String contactId) {
        return CustomerContact.<CustomerContact>find("tenant = ?1 and customerId = ?2 and contactId = ?3",
                        tenant, customerId, contactId).firstResult()
                .map(contact -> {
                    if (contact != null) {
                        return new Assignee(contact.contactId, contact.name, contact.role, contact.email);
                    }
                    for (Map.Entry<String, InterventionConfig.DefaultContact> fallback
                            : config.defaultContacts().getOrDefault(tenant, Map.of()).entrySet()) {
                        if (fallback.getValue().id().equals(contactId)) {
                            return new Assignee(contactId, fallback.getValue().name().orElse(null), fallback.getKey(),
                                    fallback.getValue().email().orElse(null));
                        }
                    }
                    return null;
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
        return CustomerContact.<CustomerContact>find("lower(email) = ?1", wanted).list().map(contacts -> {
            Map<String, Person> byTenant = new TreeMap<>();
            for (CustomerContact c : contacts) {
                add(byTenant, c.tenant, wanted, c.name, c.role);
            }
            config.defaultContacts().forEach((tenant, roles) -> roles.forEach((role, contact) -> {
                if (contact.email().map(e -> e.equalsIgnoreCase(wanted)).orElse(false)) {
                    add(byTenant, tenant, wanted, contact.name().orElse(null), role);
                }
            }));
            config.console().admins().forEach((tenant, admins) -> {
                if (admins.stream().anyMatch(a -> a.trim().equalsIgnoreCase(wanted))) {
                    add(byTenant, tenant, wanted, null, CONSOLE_ADMIN);
                }
            });
            return List.copyOf(byTenant.values());
        });
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
                .list().map(contacts -> {
                    Map<String, Assignee> byId = new LinkedHashMap<>();
                    contacts.forEach(c -> byId.putIfAbsent(c.contactId, new Assignee(c.contactId, c.name, c.role, c.email)));
                    config.defaultContacts().getOrDefault(tenant, Map.of()).forEach((role, d) -> byId.putIfAbsent(d.id(),
                            new Assignee(d.id(), d.name().orElse(null), role, d.email().orElse(null))));
                    return List.copyOf(byId.values());
                });
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
