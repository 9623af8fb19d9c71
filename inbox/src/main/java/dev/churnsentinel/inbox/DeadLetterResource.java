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
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.api.ApiDocument;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    private static final String LETTERS = """
            {"items": [{"topic": "churnsentinel.ingest.v1.scoring-dlq", "partition": 3, "offset": 17, "customerId": "C1",
                        "reason": "Unreadable: Protocol message contained an invalid tag (zero).",
                        "at": "2026-03-01T02:14:09.512Z", "sourceTopic": "churnsentinel.ingest.v1", "sourcePartition": 3,
                        "sourceOffset": 48211, "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                        "replayedFrom": null}],
             "nextCursor": null, "total": 1}""";
    private static final String REPLAY = """
            {"topic": "churnsentinel.ingest.v1.scoring-dlq", "partition": 3, "fromOffset": 17, "toOffset": 17}""";
    private static final String REPLAYED = """
            {"replayed": 1, "items": [{"topic": "churnsentinel.ingest.v1.scoring-dlq", "partition": 3, "offset": 17,
                                       "customerId": "C1", "reason": "Unreadable: Protocol message contained an invalid tag (zero).",
                                       "at": "2026-03-01T02:14:09.512Z", "sourceTopic": "churnsentinel.ingest.v1",
                                       "sourcePartition": 3, "sourceOffset": 48211, "traceparent": null, "replayedFrom": null}]}""";
    private static final String UNKNOWN_TOPIC = ApiDocument.INVALID_FIELD + """
            [{"field": "topic",
                         "message": "must be one of this service's dead-letter topics [churnsentinel.ingest.v1.scoring-dlq]"}]}""";
    private static final String BAD_RANGE = ApiDocument.INVALID_FIELD + """
            [{"field": "toOffset", "message": "must not be less than fromOffset"}]}""";

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

    @APIResponse(responseCode = "200", description = "the records set aside (at most limit; total counts them all)",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = LETTERS, parseValue = true))
    @APIResponse(responseCode = "400", description = "a topic that is not one of this service's dead-letter topics, or a bad limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "unknownTopic", value = UNKNOWN_TOPIC)))
    @GET
    @Blocking
    @Operation(operationId = "listDeadLetters", summary = "The tenant's records this service set aside, oldest first per partition",
            description = "Records of the tenant's customers that this service could not process and set aside on a "
                    + "dead-letter topic: where each lies, why, when, and the record it came from. Fix the cause, then "
                    + "replay them.")
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

    @APIResponse(responseCode = "200", description = "what was sent back, in order",
            extensions = @Extension(name = ApiDocument.EXAMPLE, value = REPLAYED, parseValue = true))
    @APIResponse(responseCode = "400", description = "an unknown topic, a missing or negative offset, or toOffset before fromOffset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM),
                    examples = @ExampleObject(name = "badRange", value = BAD_RANGE)))
    @POST
    @Path("/replay")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayDeadLetters",
            summary = "Send the tenant's records at these offsets back to the topic they came from (safe to repeat)",
            description = "Offsets fromOffset to toOffset of one dead-letter topic (one partition, or all), only the "
                    + "tenant's records. Each goes back to its source topic as it came (key, value, headers). Safe to "
                    + "repeat: consumers apply each record id once; a record that still fails is set aside again.")
    public Replayed replay(@RequestBody(content = @Content(schema = @Schema(implementation = Replay.class),
            examples = @ExampleObject(name = "one", value = REPLAY))) @Valid @NotNull Replay replay) {
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
