package dev.churnsentinel.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Histogram buckets for the latencies the alert rules and dashboards read as quantiles (HTTP requests served, gRPC
 * calls made and served): {@code _bucket} series that Prometheus can aggregate over replicas, a dozen per series,
 * from 5 ms to 10 s.
 */
public final class LatencyHistograms {
    static final Set<String> TIMED = Set.of("http.server.requests", "grpc.client.processing.duration",
            "grpc.server.processing.duration");
    static final double[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
            .mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();

    /** The filter every service's registry applies. */
    @Produces
    @Singleton
    public static MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return TIMED.contains(id.getName())
                        ? DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config)
                        : config;
            }
        };
    }
}
