package dev.churnsentinel.ingestion.intake;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.churnsentinel.outbox.Outbox;
import dev.churnsentinel.outbox.TraceParent;
import dev.churnsentinel.platform.retention.TextRetention;
import dev.churnsentinel.platform.vertx.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores feedback and events set-wise: one SQL statement per request, whether it carries one item or a
 * thousand, or one for several requests that arrive together (see {@link #store}). Each statement stores the items
 * whose externalId is new (the table's unique key, so a concurrent retry cannot win twice), creates bare customers,
 * and enqueues their outbox messages in order ({@link Outbox#insertSelected}) — atomically, as one statement. Written
 * on the reactive PostgreSQL client rather than through entities: per-item entity inserts cost four round trips an
 * item, which no batch target survives.
 */
@ApplicationScoped
public class IntakeStore {

    /**
     * One item ready to store: its id, keys, its value of each of its table's own columns in their order
     * ({@link ItemTable#values}), and its outbox message.
     */
    public record Row(UUID id, String externalId, String customerId, String messageKey, byte[] message, Object[] values) {
    }

    /** The outbox's messages of the rows the statement stored, one for each, in the items' order. */
    private static final String ANNOUNCE = Outbox.insertSelected("$2", "i", "input i join stored s on s.id = i.id");
    /** The parameter of a statement's first column of the kind's own: $1-$7 are every kind's. */
    private static final int FIRST_COLUMN_PARAMETER = 8;

    /**
     * The statement of one kind, into {@code table} with its own {@code columns}: $1 tenant, $2 topic, $3-$7 id,
     * externalId, customerId, message key and message of every item, then the kind's own columns as arrays, then
     * each item's trace context (its request's), which the outbox carries on to Kafka, and last whether each item's
     * customer may still need its bare row. The item's row claims its externalId: the table's unique (tenant,
     * external_id) lets one of two concurrent retries in and makes the other wait for it, then skip; two items with one
     * externalId in one statement (from two requests that shared it) are one claim, the first.
     */
    static String statement(String table, List<? extends ItemTable.Column<?>> columns) {
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (int c = 0; c < columns.size(); c++) {
            ItemTable.Column<?> column = columns.get(c);
            arrays.add("$" + (FIRST_COLUMN_PARAMETER + c) + "::" + column.type() + "[]");
            names.add(column.name());
            values.add("i." + column.name() + column.cast());
        }
        int traceParameter = FIRST_COLUMN_PARAMETER + columns.size();
        return """
                with input as (
                  select * from unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::bytea[], $%d::text[],
                      $%d::bool[], %s)
                    with ordinality as t(id, external_id, customer_id, message_key, payload, trace_parent,
                      customer_unknown, %s, position)
                ), stored as (
                  insert into %s (id, tenant, external_id, customer_id, %s, received_at)
                  select i.id, $1, i.external_id, i.customer_id, %s, now() from input i order by i.position
                  on conflict (tenant, external_id) do nothing returning id
                ), customers as (
                  insert into customer (tenant, customer_id, created_at, updated_at)
                  select distinct $1, i.customer_id, now(), now() from input i join stored s on s.id = i.id
                  where i.customer_unknown
                  on conflict do nothing
                ), announced as (
                  %s
                )
                select id from stored""".formatted(traceParameter, traceParameter + 1, arrays, names, table, names,
                values, ANNOUNCE);
    }

    private final Pool pool;
    /**
     * Customers this replica has seen stored (customer rows are never deleted): their items skip the customer upsert,
     * which, when every customer already has a row, still cost a fifth of a 1,000-item statement (a conflict check an
     * item). Only an optimisation: a customer it does not know goes through "on conflict do nothing" as before.
     */
    private final Cache<String, Boolean> knownCustomers;
    private final int statementsInFlight;
    private final int itemsPerStatement;
    private final Map<Lane, Coalescer<Request, Set<UUID>>> lanes = new ConcurrentHashMap<>();

    public IntakeStore(Pool pool, IngestionConfig config) {
        this.pool = pool;
        this.knownCustomers = Caffeine.newBuilder().maximumSize(config.knownCustomers()).build();
        this.statementsInFlight = config.statementsInFlight();
        this.itemsPerStatement = config.maxBatchSize();
    }

    /**
     * Stores the rows of {@code table}'s kind. Returns the ids claimed by the statement that carried the rows (other
     * requests' too, when they went together: look for your own).
     */
    public Uni<Set<UUID>> store(ItemTable<?> table, String tenant, String topic, List<Row> rows) {
        return store(new Lane(table, tenant, topic), rows);
    }

    /** Which items of this kind (feedback or events, each kind its own table) already own these externalIds. */
    public Uni<Map<String, UUID>> owners(String tenant, Intake.Kind kind, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select external_id, id from " + kind.table() + " where tenant = $1 and external_id = any($2)")
                .execute(Tuple.of(tenant, externalIds.toArray(new String[0])))
                .map(result -> {
                    Map<String, UUID> owners = new HashMap<>();
                    for (io.vertx.mutiny.sqlclient.Row row : result) {
                        owners.put(row.getString(0), row.getUUID(1));
                    }
                    return owners;
                });
    }

    /**
     * The rows wait in their lane (kind, tenant) for a statement ({@link Coalescer}): at most
     * {@code statementsInFlight} of a lane's statements run at once, and the requests that arrive meanwhile go together
     * into the next, up to a batch's worth of items. Thirty-two callers sending one item each then make a handful of
     * statements, not thirty-two: each is a round trip, a commit and a WAL flush, and on a machine where every wake-up
     * of a process costs microseconds, those cost more than the rows. The answer comes back on the caller's context.
     */
    private Uni<Set<UUID>> store(Lane lane, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Coalescer<Request, Set<UUID>> coalescer = lanes.computeIfAbsent(lane, l -> new Coalescer<>(statementsInFlight,
                itemsPerStatement, request -> request.rows().size(), requests -> execute(l, requests)));
        return CallerContext.resumeOn(coalescer.submit(new Request(rows, TraceParent.current())));
    }

    /** One request's rows and its trace context. */
    private record Request(List<Row> rows, String traceParent) {
    }

    /**
     * Requests that may share a statement: one kind (its table, which holds its statement, compared by reference),
     * one tenant, one topic.
     */
    private record Lane(ItemTable<?> table, String tenant, String topic) {
    }

    /** One statement for these requests; returns every id it claimed (each request looks for its own). */
    private Uni<Set<UUID>> execute(Lane lane, List<Request> requests) {
        List<? extends ItemTable.Column<?>> kindColumns = lane.table().columns();
        int n = 0;
        for (Request request : requests) {
            n += request.rows().size();
        }
        UUID[] ids = new UUID[n];
        String[] externalIds = new String[n];
        String[] customerIds = new String[n];
        String[] keys = new String[n];
        Buffer[] messages = new Buffer[n];
        String[] traceParents = new String[n];
        String[] customerKeys = new String[n];
        Boolean[] customerUnknown = new Boolean[n];
        Object[][] columns = new Object[kindColumns.size()][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = (Object[]) java.lang.reflect.Array.newInstance(kindColumns.get(c).javaType(), n);
        }
        int i = 0;
        for (Request request : requests) {
            for (Row row : request.rows()) {
                ids[i] = row.id();
                externalIds[i] = row.externalId();
                customerIds[i] = row.customerId();
                keys[i] = row.messageKey();
                messages[i] = Buffer.buffer(row.message());
                traceParents[i] = request.traceParent();
                customerKeys[i] = customerKey(lane.tenant(), row.customerId());
                customerUnknown[i] = knownCustomers.getIfPresent(customerKeys[i]) == null;
                for (int c = 0; c < columns.length; c++) {
                    columns[c][i] = row.values()[c];
                }
                i++;
            }
        }
        List<Object> parameters = new ArrayList<>(List.of(lane.tenant(), lane.topic(), ids, externalIds, customerIds, keys,
                messages));
        parameters.addAll(List.of(columns));
        parameters.add(traceParents);
        parameters.add(customerUnknown);
        return pool.preparedQuery(lane.table().statement()).execute(Tuple.from(parameters)).map(result -> {
            Set<UUID> claimed = new HashSet<>();
            for (io.vertx.mutiny.sqlclient.Row row : result) {
                claimed.add(row.getUUID(0));
            }
            for (int j = 0; j < ids.length; j++) {
                if (customerUnknown[j] && claimed.contains(ids[j])) { // committed: its customer's row exists now
                    knownCustomers.put(customerKeys[j], Boolean.TRUE);
                }
            }
            return claimed;
        });
    }

    /** Whether the tenant holds feedback or events of the customer (in the caller's Hibernate Reactive session). */
    public Uni<Boolean> holds(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select exists (select 1 from feedback where tenant = ?1 and customer_id = ?2) "
                                + "or exists (select 1 from customer_event where tenant = ?1 and customer_id = ?2)", Boolean.class)
                .setParameter(1, tenant).setParameter(2, customerId).getSingleResult());
    }

    /**
     * Erases what a customer wrote and sent: their feedback loses its text, their events their attributes, and both are
     * re-keyed to {@code anonymousId}, so counts stay and nothing leads back to the customer. In the caller's Hibernate
     * Reactive transaction (with the erasure's record and announcement). Idempotency keys stay: an item sent again is a
     * duplicate, not the text back.
     *
     * @return rows changed, by table: "feedback", "events"
     */
    public Uni<Map<String, Integer>> erase(String tenant, String customerId, String anonymousId) {
        knownCustomers.invalidate(customerKey(tenant, customerId));
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "update feedback set text = null, customer_id = ?3 where tenant = ?1 and customer_id = ?2")
                        .setParameter(1, tenant).setParameter(2, customerId).setParameter(3, anonymousId).executeUpdate()
                .flatMap(feedback -> session.createNativeQuery("update customer_event set attributes = null, customer_id = ?3 "
                                + "where tenant = ?1 and customer_id = ?2")
                        .setParameter(1, tenant).setParameter(2, customerId).setParameter(3, anonymousId).executeUpdate()
                        .map(events -> Map.of("feedback", feedback, "events", events))));
    }

    /**
     * Removes the text of at most {@code limit} feedback items that occurred before their tenant's cutoff. Plain JDBC,
     * for the retention job's own transactions.
     *
     * @return rows changed
     */
    public static int expireTexts(java.sql.Connection connection, TextRetention.Cutoffs cutoffs, int limit)
            throws java.sql.SQLException {
        try (java.sql.PreparedStatement update = connection.prepareStatement("update feedback set text = null where ctid = "
                + "any (array (select ctid from feedback f where f.text is not null and "
                + cutoffs.olderThan("f.tenant", "f.occurred_at") + " limit ?))")) {
            update.setInt(cutoffs.bind(update, 1), limit);
            return update.executeUpdate();
        }
    }

    private static String customerKey(String tenant, String customerId) {
        return tenant + '\u0000' + customerId;
    }
}
