package dev.churnsentinel.ingestion.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

@ApplicationScoped
public class CustomerService {
    public static final String ACCOUNT_MANAGER = "ACCOUNT_MANAGER";
    public static final String SENIOR_MANAGER = "SENIOR_MANAGER";

    private final Intake intake;
    private final ObjectMapper json;

    public CustomerService(Intake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    /** Creates or replaces the profile; true when it was created. */
    @WithTransaction
    public Uni<Boolean> put(String tenant, String customerId, CustomerRequest profile) {
        String document;
        try {
            document = json.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "insert into customer (tenant, customer_id, profile, created_at, updated_at) "
                                        + "values (?1, ?2, cast(cast(?3 as text) as jsonb), now(), now()) "
                                        + "on conflict (tenant, customer_id) do update set profile = excluded.profile, updated_at = now() "
                                        + "returning (xmax = 0)", Boolean.class)
                        .setParameter(1, tenant).setParameter(2, customerId).setParameter(3, document)
                        .getSingleResult())
                .call(() -> intake.publish(tenant, customerId, IngestRecord.newBuilder().setCustomer(toMessage(profile))));
    }

    /** Whether the tenant has the customer's row: a profile put, or a bare row from their first feedback or event. */
    public Uni<Boolean> exists(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select exists (select 1 from customer where tenant = ?1 and customer_id = ?2)", Boolean.class)
                .setParameter(1, tenant).setParameter(2, customerId).getSingleResult());
    }

    /** Deletes the customer's row and profile (their name, the people who act for them), in the caller's transaction. */
    public Uni<Integer> erase(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "delete from customer where tenant = ?1 and customer_id = ?2")
                .setParameter(1, tenant).setParameter(2, customerId).executeUpdate());
    }

    static CustomerUpserted toMessage(CustomerRequest profile) {
        CustomerUpserted.Builder message = CustomerUpserted.newBuilder();
        if (profile.name() != null) message.setName(profile.name());
        if (profile.segment() != null) message.setSegment(profile.segment());
        if (profile.valueTier() != null) message.setValueTier(profile.valueTier().name());
        if (profile.annualValue() != null) message.setAnnualValue(profile.annualValue().doubleValue());
        if (profile.currency() != null) message.setCurrency(profile.currency());
        Map<String, Contact> contacts = new LinkedHashMap<>();
        if (profile.contacts() != null) contacts.putAll(profile.contacts());
        if (profile.accountManager() != null) contacts.put(ACCOUNT_MANAGER, profile.accountManager());
        if (profile.seniorManager() != null) contacts.put(SENIOR_MANAGER, profile.seniorManager());
        contacts.forEach((role, contact) -> {
            dev.churnsentinel.proto.events.v1.Contact.Builder c = dev.churnsentinel.proto.events.v1.Contact.newBuilder()
                    .setId(contact.id());
            if (contact.name() != null) c.setName(contact.name());
            if (contact.email() != null) c.setEmail(contact.email());
            if (contact.phone() != null) c.setPhone(contact.phone());
            message.putContacts(role, c.build());
        });
        return message.build();
    }
}
