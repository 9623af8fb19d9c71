package dev.churnsentinel.infra;

import dev.churnsentinel.inbox.DeadLetterTopics;

import java.util.List;
import java.util.Map;

/**
 * {@code ./sentinel dlq}: {@code list [TOPIC]} shows each record set aside on the dead-letter topics (where, why,
 * when, from which topic), {@code replay TOPIC [FROM [TO]]} sends the records at those offsets (in every partition)
 * back to the topic they came from once the cause is fixed; safe to repeat ({@link DeadLetterTopics}). Every tenant's
 * records: the services' {@code /api/v1/admin/dead-letters} shows a tenant its own.
 */
public final class DeadLetters {
    /** The dead-letter topics the services write. */
    public static final List<String> TOPICS = List.of("churnsentinel.ingest.v1.scoring-dlq",
            "churnsentinel.ingest.v1.intervention-dlq", "churnsentinel.tier-changes.v1.intervention-dlq",
            "churnsentinel.task-outcomes.v1.scoring-dlq", "churnsentinel.erasures.v1.ingestion-dlq");

    private DeadLetters() {
    }

    /** Against {@code KAFKA_BOOTSTRAP_SERVERS} (the local stack's by default). */
    public static void main(String[] args) {
        DeadLetterTopics letters = new DeadLetterTopics(Map.of("bootstrap.servers",
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")));
        String command = args.length > 0 ? args[0] : "list";
        if (command.equals("list")) {
            for (String topic : args.length > 1 ? List.of(args[1]) : TOPICS) {
                List<DeadLetterTopics.Letter> found = letters.list(topic, letter -> true);
                System.out.println(topic + ": " + found.size() + " record(s)");
                found.forEach(l -> System.out.println("  " + l));
            }
        } else if (command.equals("replay") && args.length > 1) {
            long from = args.length > 2 ? Long.parseLong(args[2]) : 0;
            long to = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
            int replayed = letters.replay(args[1], l -> l.offset() >= from && l.offset() <= to).size();
            System.out.println("replayed " + replayed + " record(s) of " + args[1]);
        } else {
            System.err.println("usage: dlq list [TOPIC] | dlq replay TOPIC [FROM_OFFSET [TO_OFFSET]]");
            System.exit(2);
        }
    }
}
