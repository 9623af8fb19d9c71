package dev.churnsentinel.inbox;

import dev.churnsentinel.platform.api.Items;
import dev.churnsentinel.platform.api.QueryValues;
import dev.churnsentinel.platform.auth.Tenants;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The records this service set aside on its dead-letter topics (every outgoing channel whose topic ends in
 * {@code -dlq}), as their tenant's administrator sees them: only the records whose key is one of the tenant's
 * customers ({@code tenant/customer}). Replaying sends the chosen ones back to the topic they came from, once the cause
 * is fixed; safe to repeat ({@link DeadLetterTopics}).
 */
@Tag(name = "Admin", description = "Operations for administrators")
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class DeadLetterResource {
    private static final int MAX_LIMIT = 1_000;

    /** A record set aside: where it lies, whose it is, why and when, and where it came from. */
    public record DeadLetter(String topic, int partition, long offset, String customerId, String reason, String at,
                             String sourceTopic, Long sourcePartition, Long sourceOffset, String traceparent,
                             String replayedFrom) {
        static DeadLetter of(DeadLetterTopics.Letter letter) {
            return new DeadLetter(letter.topic(), letter.partition(), letter.offset(),
                    letter.key().substring(letter.key().indexOf('/') + 1), letter.reason(), letter.at(), letter.from(),
                    number(letter.header(RecordFaults.SOURCE_PARTITION)), number(letter.header(RecordFaults.SOURCE_OFFSET)),
                    letter.header("traceparent"), letter.header(DeadLetterTopics.REPLAYED_FROM));
        }

        private static Long number(String text) {
            return text == null ? null : Long.valueOf(text);
        }
    }

    /** Which records of a dead-letter topic to send back: offsets {@code fromOffset} to {@code toOffset}, inclusive. */
    public record Replay(@NotBlank String topic,
                         @Parameter(description = "one partition; every partition when absent") @Min(0) Integer partition,
                         @NotNull @Min(0) Long fromOffset, @NotNull @Min(0) Long toOffset) {
    }

    /** What a replay sent back, in the order it was sent. */
    public record Replayed(int replayed, List<DeadLetter> items) {
    }

    private final DeadLetterTopics topics;
    private final List<String> deadLetterTopics;
    private final SecurityIdentity identity;

    public DeadLetterResource(@Identifier("default-kafka-broker") Map<String, Object> kafka, Config config,
                              SecurityIdentity identity) {
        this.topics = new DeadLetterTopics(kafka);
        this.deadLetterTopics = deadLetterTopics(config);
        this.identity = identity;
    }

    /** The topics of the outgoing channels whose topic ends in {@code -dlq}, in order. */
    static List<String> deadLetterTopics(Config config) {
        TreeSet<String> found = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.outgoing.") && name.endsWith(".topic")) {
                config.getOptionalValue(name, String.class).filter(topic -> topic.endsWith("-dlq")).ifPresent(found::add);
            }
        }
        return List.copyOf(found);
    }

    @GET
    @Blocking
    @Operation(operationId = "listDeadLetters", summary = "The tenant's records this service set aside, oldest first per partition")
    public Items<DeadLetter> list(
            @Parameter(description = "one dead-letter topic of this service; all of them when absent") @QueryParam("topic") String topic,
            @Parameter(description = "at most this many (1-1000, default 100); total counts them all") @QueryParam("limit") String limit) {
        Integer given = QueryValues.integer("limit", limit, 1, MAX_LIMIT);
        int most = given == null ? 100 : given;
        List<String> chosen = topic == null || topic.isBlank() ? deadLetterTopics : List.of(known("topic", topic));
        List<DeadLetter> letters = new ArrayList<>();
        for (String each : chosen) {
            topics.list(each, tenants()).forEach(letter -> letters.add(DeadLetter.of(letter)));
        }
        return new Items<>(letters.subList(0, Math.min(most, letters.size())), null, (long) letters.size());
    }

    @POST
    @Path("/replay")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayDeadLetters",
            summary = "Send the tenant's records at these offsets back to the topic they came from (safe to repeat)")
    public Replayed replay(@Valid @NotNull Replay replay) {
        String topic = known("topic", replay.topic());
        if (replay.toOffset() < replay.fromOffset()) {
            throw QueryValues.invalid("toOffset", "must not be less than fromOffset");
        }
        Predicate<DeadLetterTopics.Letter> chosen = tenants().and(letter -> letter.offset() >= replay.fromOffset()
                && letter.offset() <= replay.toOffset()
                && (replay.partition() == null || letter.partition() == replay.partition()));
        List<DeadLetter> sent = topics.replay(topic, chosen).stream().map(DeadLetter::of).toList();
        return new Replayed(sent.size(), sent);
    }

    private Predicate<DeadLetterTopics.Letter> tenants() {
        String prefix = Tenants.of(identity) + "/";
        return letter -> letter.key() != null && letter.key().startsWith(prefix);
    }

    private String known(String field, String topic) {
        if (!deadLetterTopics.contains(topic)) {
            throw QueryValues.invalid(field, "must be one of this service's dead-letter topics " + deadLetterTopics);
        }
        return topic;
    }
}
