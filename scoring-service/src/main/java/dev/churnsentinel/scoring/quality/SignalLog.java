package dev.churnsentinel.scoring.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.churnsentinel.scoring.model.Inputs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The table {@code signal_log}: every feedback and event a customer's signals were folded from, as the model read it
 * (without the free text), so a backtest can replay a tenant's history as of any past date. Appended in the
 * transaction that applies the records; read a tenant at a time, one customer after another, in the order things
 * occurred.
 */
@ApplicationScoped
public class SignalLog {
    private static final String APPEND = "insert into signal_log (tenant, customer_id, occurred_at, record_id, input) "
            + "select t, c, cast(o as timestamptz), r, i from unnest(cast(?1 as text[]), cast(?2 as text[]), "
            + "cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[])) as u(t, c, o, r, i) on conflict do nothing";
    private static final String READ = "select customer_id, input from signal_log where tenant = ? "
            + "order by customer_id, occurred_at, record_id";
    private static final String REKEY = "update signal_log set customer_id = ?3 where tenant = ?1 and customer_id = ?2";
    private static final String FIRST = "select min(occurred_at) from signal_log where tenant = ?";
    private static final int FETCH = 5_000;

    /** One row: the input as stored, without its free text. */
    public record Row(String tenant, String customerId, String recordId, History.Entry entry) {
    }

    /** A feedback or an event; its time is the entry's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(Inputs.Feedback feedback, Inputs.Event event) {
    }

    private final ObjectMapper json;
    private final ObjectReader reader;
    private final AgroalDataSource dataSource;

    public SignalLog(ObjectMapper json, AgroalDataSource dataSource) {
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.reader = this.json.readerFor(Stored.class);
        this.dataSource = dataSource;
    }

    /** The log's row of a feedback: what text-signal found in it is kept, its text is not. */
    public static Row row(String tenant, String customerId, String recordId, Inputs.Feedback feedback) {
        return new Row(tenant, customerId, recordId, History.Entry.of(new Inputs.Feedback(feedback.feedbackId(),
                feedback.occurredAt(), null, feedback.nps(), feedback.satisfaction(), feedback.findings())));
    }

    public static Row row(String tenant, String customerId, String recordId, Inputs.Event event) {
        return new Row(tenant, customerId, recordId, History.Entry.of(event));
    }

    /** Appends the rows in one statement, in the caller's transaction; a row already there is left as it is. */
    public Uni<Void> append(List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] tenants = new String[n], customers = new String[n], times = new String[n], ids = new String[n], inputs = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            tenants[i] = row.tenant();
            customers[i] = row.customerId();
            times[i] = row.entry().at().toString();
            ids[i] = row.recordId();
            inputs[i] = write(new Stored(row.entry().feedback(), row.entry().event()));
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(APPEND).setParameter(1, tenants)
                .setParameter(2, customers).setParameter(3, times).setParameter(4, ids).setParameter(5, inputs)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Files the customer's rows under {@code anonymousId} instead, in the caller's transaction, and answers how many:
     * an erased customer's history still counts in the tenant's backtests, as someone nobody can name.
     */
    public Uni<Integer> rekey(String tenant, String customerId, String anonymousId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(REKEY).setParameter(1, tenant)
                .setParameter(2, customerId).setParameter(3, anonymousId).executeUpdate());
    }

    /** Each of the tenant's customers' whole history, one customer at a time; blocking (JDBC, streamed). */
    public void read(String tenant, Consumer<History> each) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement read = connection.prepareStatement(READ)) {
                read.setFetchSize(FETCH);
                read.setString(1, tenant);
                try (ResultSet rows = read.executeQuery()) {
                    String current = null;
                    List<History.Entry> entries = new ArrayList<>();
                    while (rows.next()) {
                        String customer = rows.getString(1);
                        if (!customer.equals(current)) {
                            if (current != null) {
                                each.accept(new History(current, entries));
                                entries = new ArrayList<>();
                            }
                            current = customer;
                        }
                        Stored stored = reader.readValue(rows.getString(2));
                        entries.add(stored.feedback() != null ? History.Entry.of(stored.feedback()) : History.Entry.of(stored.event()));
                    }
                    if (current != null) {
                        each.accept(new History(current, entries));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the signal log: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the tenant's earliest logged record occurred, or null without any. */
    public java.time.Instant first(String tenant) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement first = connection.prepareStatement(FIRST)) {
            first.setString(1, tenant);
            try (ResultSet row = first.executeQuery()) {
                java.sql.Timestamp at = row.next() ? row.getTimestamp(1) : null;
                return at == null ? null : at.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the signal log: " + e.getMessage(), e);
        }
    }

    private String write(Stored stored) {
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
