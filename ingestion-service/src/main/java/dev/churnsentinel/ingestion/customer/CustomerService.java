package dev.churnsentinel.ingestion.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.outbox.Outbox;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class CustomerService {
    public static final String ACCOUNT_MANAGER = "ACCOUNT_MANAGER";
    public static final String SENIOR_MANAGER = "SENIOR_MANAGER";

    /**
     * {@link #putAll}'s statement: $1 tenant, $2 topic, then for each row its customerId, profile (JSON), message key,
     * message and trace context. A profile identical to the stored one (as jsonb: key order and spacing aside) is left as
     * it is and not announced again (skipped before the insert, so its row is not even locked: a list imported again
     * writes nothing); every other row is created or replaced and announced, in the rows' order, by the same statement.
     */
    private static final String PUT_ALL = """
            with input as (
              select * from unnest($3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[])
                with ordinality as t(customer_id, profile, message_key, payload, trace_parent, position)
            ), stored as (
              insert into customer (tenant, customer_id, profile, created_at, updated_at)
              select $1, i.customer_id, i.profile::jsonb, now(), now() from input i
              where not exists (select 1 from customer c
                                where c.tenant = $1 and c.customer_id = i.customer_id and c.profile = i.profile::jsonb)
              order by i.customer_id
              on conflict (tenant, customer_id) do update set profile = excluded.profile, updated_at = now()
                where customer.profile is distinct from excluded.profile
              returning customer_id
            ), announced as (
              %s
            )
            select customer_id from stored""".formatted(
            Outbox.insertSelected("$2", "i", "input i join stored s on s.customer_id = i.customer_id"));

    private final Intake intake;
    private final ObjectMapper json;
    private final Pool pool;

    public CustomerService(Intake intake, ObjectMapper json, Pool pool) {
        this.intake = intake;
        this.json = json;
        this.pool = pool;
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

    /**
     * Creates or replaces many profiles as {@link #put} does one, with the same announcement each, in one statement (so
     * atomically), except that a profile identical to the stored one is not written or announced again. Of rows of one
     * customer, the last is stored: the earlier ones count as its duplicates.
     *
     * @return for each row, in their order, whether it was a duplicate (changed nothing)
     */
    public Uni<List<Boolean>> putAll(String tenant, List<CustomerRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, Integer> last = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            last.remove(rows.get(i).customerId());
            last.put(rows.get(i).customerId(), i);
        }
        int n = last.size();
        String[] customerIds = new String[n];
        String[] profiles = new String[n];
        String[] keys = new String[n];
        Buffer[] messages = new Buffer[n];
        String[] traceParents = new String[n];
        String topic = null;
        int j = 0;
        for (int i : last.values()) {
            CustomerRow row = rows.get(i);
            Outbox.Message message = intake.announcement(tenant, row.customerId(),
                    IngestRecord.newBuilder().setCustomer(toMessage(row.profile())));
            customerIds[j] = row.customerId();
            try {
                profiles[j] = json.writeValueAsString(row.profile());
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            keys[j] = message.key();
            messages[j] = Buffer.buffer(message.payload());
            traceParents[j] = message.traceParent();
            topic = message.topic();
            j++;
        }
        return pool.preparedQuery(PUT_ALL)
                .execute(Tuple.from(List.of(tenant, topic, customerIds, profiles, keys, messages, traceParents)))
                .map(result -> {
                    Set<String> stored = new HashSet<>();
                    result.forEach(row -> stored.add(row.getString(0)));
                    List<Boolean> duplicates = new ArrayList<>(rows.size());
                    for (int i = 0; i < rows.size(); i++) {
                        String customerId = rows.get(i).customerId();
                        duplicates.add(last.get(customerId) != i || !stored.contains(customerId));
                    }
                    return duplicates;
                });
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
