package dev.churnsentinel.inbox;

import dev.churnsentinel.platform.vertx.CallerContext;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.net.SocketException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Tells a consumed record that failed on its own — it goes to the dead-letter topic, and the rest go on — from a
 * record that failed because the service cannot work right now: shutting down (its connection pool closed under an
 * in-flight poll), PostgreSQL unreachable, restarting or out of resources, a deadlock or a serialization conflict.
 * Such a record must not be set aside: its poll fails, its offset is not committed, and it is delivered again (after a
 * restart, or by the replica that takes over its partition). Without this, every rolling deploy and every database
 * blip sent valid records — a RED customer's tier change among them — to the dead-letter topic.
 */
@ApplicationScoped
public class RecordFaults {
    /** SQLSTATE classes and codes of a database that cannot work right now, whatever the record. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03");
    private static final String UNIQUE_VIOLATION = "23505";
    /** A statement refused because an earlier one of its transaction failed: that one's failure, not this record's. */
    private static final String TRANSACTION_ABORTED = "25P02";
    /**
     * Hibernate's words for a session used by two at once or used after it closed (HR000061 connecting, HR000069 another
     * thread, "Illegal pop()" a result set read under another): the failure of whoever shared it.
     */
    private static final List<String> SESSION_MISUSE = List.of("HR000061", "HR000069", "Illegal pop()",
            "Session/EntityManager is closed", "Session closed");

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    /** Tries of a unique violation or a collateral failure, which pass at once when a concurrent writer caused them. */
    private static final int CONFLICT_RETRIES = 5;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    /** Headers a dead-lettered record gains, besides the ones it came with (its traceparent among them). */
    public static final String REASON = "x-sentinel-dlq-reason";
    public static final String AT = "x-sentinel-dlq-at";
    public static final String SOURCE_TOPIC = "x-sentinel-dlq-topic";
    public static final String SOURCE_PARTITION = "x-sentinel-dlq-partition";
    public static final String SOURCE_OFFSET = "x-sentinel-dlq-offset";
    /** The reason's kind for a record that is not the message its topic carries. */
    public static final String UNREADABLE = "Unreadable";

    private final Pool pool;
    private final MeterRegistry meters;
    private final Duration waitForDatabase;
    private volatile boolean stopping;

    /**
     * @param waitForDatabase how long a record is tried again while the database cannot work (a restart, a fail-over),
     *                        before its poll fails. Shorter than the connector's limit on a record left unprocessed
     *                        ({@code throttled.unprocessed-record-max-age.ms}, a minute by default).
     */
    public RecordFaults(Pool pool, MeterRegistry meters,
                        @ConfigProperty(name = "sentinel.consumer.wait-for-database", defaultValue = "45s")
                        Duration waitForDatabase) {
        this.pool = pool;
        this.meters = meters;
        this.waitForDatabase = waitForDatabase;
    }

    void stopping(@Observes @Priority(1) ShutdownEvent shutdown) {
        stopping = true;
    }

    /**
     * Applies one record: tried again while its failure may pass (a unique violation a few times; a database that
     * cannot work right now for up to {@code sentinel.consumer.wait-for-database}); then set aside (sent to the
     * dead-letter topic by {@code setAside}) if the failure is the record's own, and otherwise failed, so that the poll
     * is not committed and the record is delivered again. {@code record} names it in the log. Each try runs on a Vert.x
     * context of its own, so with a Hibernate Reactive session of its own: a failed poll's session may still be closing
     * on the poll's context, and a record applied there would fail with it (Hibernate's "Illegal pop()"), through no
     * fault of its own. Continues on the caller's Vert.x context.
     */
    public Uni<Void> applyOrSetAside(Supplier<String> record, Supplier<Uni<Void>> apply,
                                     Function<Throwable, Uni<Void>> setAside) {
        return Uni.createFrom().deferred(() -> CallerContext.resumeOn(CallerContext.onOwnContext(apply)))
                .onFailure(e -> !stopping && !transientFailure(e) && mayPassOnRetry(e))
                .retry().withBackOff(RETRY_FIRST, RETRY_MAX).atMost(CONFLICT_RETRIES)
                .onFailure(e -> !stopping && transientFailure(e))
                .retry().withBackOff(RETRY_FIRST, RETRY_MAX).expireIn(waitForDatabase.toMillis())
                .onFailure().recoverWithUni(e -> CallerContext.resumeOn(ownFault(e)).flatMap(own -> {
                    if (!own) {
                        Log.warnf("%s not applied now, to be delivered again: %s", record.get(), e.toString());
                        return Uni.createFrom().failure(e);
                    }
                    Log.errorf(e, "%s goes to the dead-letter topic", record.get());
                    return setAside.apply(e);
                }));
    }

    /**
     * Sends a record to a dead-letter topic before its poll counts as done (so it is never lost between the topic and the
     * dead-letter topic): key, value and headers as they came, plus why ({@link #REASON}: {@code kind: message}), when
     * ({@link #AT}) and where from ({@link #SOURCE_TOPIC}, partition, offset), which is what a replay sends it back to.
     * Counted in {@code sentinel_dead_letters_total{topic, reason}} (the reason's kind). The caller goes on on its own
     * Vert.x context (Kafka's producer answers on its thread, where no Hibernate Reactive session can run).
     *
     * @param kind    a short, stable name of the cause ({@link #UNREADABLE}, an exception's class)
     * @param message what went wrong, for the people who look
     */
    public Uni<Void> setAside(Emitter<Record<String, byte[]>> deadLetters, ConsumerRecord<String, byte[]> original,
                              String kind, String message) {
        RecordHeaders headers = new RecordHeaders();
        original.headers().forEach(h -> {
            if (!h.key().startsWith("x-sentinel-dlq-")) {
                headers.add(h);
            }
        });
        String reason = kind + ": " + (message == null ? "" : message);
        headers.add(header(REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason));
        headers.add(header(AT, Instant.now().toString()));
        headers.add(header(SOURCE_TOPIC, original.topic()));
        headers.add(header(SOURCE_PARTITION, Integer.toString(original.partition())));
        headers.add(header(SOURCE_OFFSET, Long.toString(original.offset())));
        meters.counter("sentinel.dead.letters", "topic", original.topic(), "reason", kind).increment();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Message<Record<String, byte[]>> letter = Message.of(Record.of(original.key(), original.value()), Metadata.of(
                        OutgoingKafkaRecordMetadata.<String>builder().withHeaders(headers).build()))
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    sent.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                });
        deadLetters.send(letter);
        return CallerContext.resumeOn(Uni.createFrom().completionStage(sent));
    }

    /** {@link #setAside} for a record that failed with {@code failure}. */
    public Uni<Void> setAside(Emitter<Record<String, byte[]>> deadLetters, ConsumerRecord<String, byte[]> original,
                              Throwable failure) {
        return setAside(deadLetters, original, failure.getClass().getSimpleName(), failure.getMessage());
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A failure that may not happen again: a {@link #transientFailure transient} one; a unique violation, which a
     * concurrent writer causes when both insert the same new row (two polls of one customer around a rebalance) and
     * which then finds the row and updates it; or a {@link #collateral} one. A unique violation that the record itself
     * causes comes back on every try, and then counts as the record's own.
     */
    static boolean mayPassOnRetry(Throwable failure) {
        return transientFailure(failure) || concurrentInsert(failure) || collateral(failure);
    }

    /**
     * A failure the record met through another's: its transaction aborted by an earlier statement's failure, or its
     * Hibernate session in a state another user of it left (a {@link ConcurrentModificationException} in a flush, a
     * result set read out of turn). Tried again on a context and session of its own, it passes; only one that comes back
     * on every try counts as the record's own.
     */
    static boolean collateral(Throwable failure) {
        return anyCause(failure, e -> TRANSACTION_ABORTED.equals(sqlState(e)) || e instanceof ConcurrentModificationException
                || e instanceof IllegalStateException && e.getMessage() != null
                && SESSION_MISUSE.stream().anyMatch(e.getMessage()::contains));
    }

    /** A unique violation anywhere in the cause chain: see {@link #mayPassOnRetry}. */
    private static boolean concurrentInsert(Throwable failure) {
        return anyCause(failure, e -> UNIQUE_VIOLATION.equals(sqlState(e)));
    }

    /**
     * Whether {@code failure} is the record's own: the service is not shutting down, the failure is not one that passes,
     * and the database answers a trivial query right now (a failure of unknown kind while it does not is the
     * database's).
     */
    private Uni<Boolean> ownFault(Throwable failure) {
        if (stopping || transientFailure(failure)) {
            return Uni.createFrom().item(false);
        }
        return databaseAnswers(pool).map(answers -> answers && !stopping);
    }

    /** Whether the database answers a trivial query within {@link #PROBE_TIMEOUT}: a false item, never a failure. */
    static Uni<Boolean> databaseAnswers(Pool pool) {
        return pool.query("select 1").execute().ifNoItem().after(PROBE_TIMEOUT).fail()
                .map(rows -> true).onFailure().recoverWithItem(false);
    }

    /** A database or connection failure that says nothing about the record (the whole cause chain is looked at). */
    static boolean transientFailure(Throwable failure) {
        return anyCause(failure, e -> {
            String state = sqlState(e);
            return state != null && state.length() == 5
                    && (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_CODES.contains(state))
                    || e instanceof SocketException || e instanceof TimeoutException
                    || e instanceof ClosedConnectionException || e instanceof ConnectTimeoutException;
        });
    }

    /** Whether {@code failure} or any of its causes passes {@code test}. */
    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (test.test(e)) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE a database failure carries, or null for any other failure. */
    private static String sqlState(Throwable e) {
        return e instanceof PgException pg ? pg.getSqlState() : e instanceof SQLException sql ? sql.getSQLState() : null;
    }
}
