package dev.churnsentinel.bench;

import java.util.Arrays;
import java.util.Locale;

/** Throughput and latency percentiles of one measured phase of a load client, printed as a Markdown table row. */
public record PhaseResult(String name, long operations, long items, double seconds, long[] latenciesNanos, long errors) {

    public static final String HEADER = """
            | phase                              |    ops/s  |  items/s  | p50 ms  | p90 ms  | p99 ms  | max ms  | errors |
            |------------------------------------|-----------|-----------|---------|---------|---------|---------|--------|""";

    public String row() {
        long[] sorted = Arrays.copyOf(latenciesNanos, latenciesNanos.length);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %-34s | %9.0f | %9.0f | %7.1f | %7.1f | %7.1f | %7.1f | %6d |", name,
                operations / seconds, items / seconds, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                ms(sorted, 1.0), errors);
    }

    public double itemsPerSecond() {
        return items / seconds;
    }

    /** The {@code quantile} of sorted nanoseconds, in milliseconds (NaN when there are none). */
    static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
