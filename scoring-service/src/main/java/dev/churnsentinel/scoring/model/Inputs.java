package dev.churnsentinel.scoring.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the model is fed, free of Kafka and gRPC types. */
public final class Inputs {
    private Inputs() {
    }

    /** One piece of customer voice with what text-signal found in it ({@code findings} null without text). */
    public record Feedback(String feedbackId, Instant occurredAt, String text, Integer nps, Integer satisfaction,
                           TextFindings findings) {
    }

    /** What text-signal-service found in a text. */
    public record TextFindings(double polarity, List<RiskPhrase> risks, Map<String, Double> emotions,
                               boolean priceSensitive) {
    }

    public record RiskPhrase(String category, String term, boolean negated, int start, int end) {
    }

    /** One operational event; attributes as the ingestion API passed them on (strings). */
    public record Event(String type, Instant occurredAt, Double amount, Map<String, String> attributes) {
        double attribute(String name, double fallback) {
            String value = attributes == null ? null : attributes.get(name);
            try {
                return value == null ? fallback : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        boolean flag(String name) {
            return attributes != null && "true".equalsIgnoreCase(attributes.get(name));
        }
    }
}
