package dev.churnsentinel.intervention.customer;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** Customers' profiles and the people who act for the tenant on them; call within a session. */
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

    public Uni<CustomerProfile> profile(String tenant, String customerId) {
        return CustomerProfile.find("tenant = ?1 and customerId = ?2", tenant, customerId).firstResult();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
