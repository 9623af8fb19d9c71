package dev.churnsentinel.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;

import java.util.HashMap;
import java.util.Map;

/**
 * The W3C {@code traceparent} of the current trace, so a message written to the outbox now and sent to Kafka later
 * continues the trace of the request that wrote it.
 */
public final class TraceParent {
    /** The Kafka header (and HTTP header) that carries it. */
    public static final String HEADER = "traceparent";

    private TraceParent() {
    }

    /** The current trace context as a {@code traceparent} value, or null outside any trace. */
    public static String current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }
}
