package dev.churnsentinel.platform.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyHistogramsTest {
    @Test
    void theTimedCallsGetBucketsAndOtherTimersDoNot() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(LatencyHistograms.latencyBuckets());
        Timer grpc = meters.timer("grpc.client.processing.duration", "method", "Analyze");
        grpc.record(Duration.ofMillis(30));
        grpc.record(Duration.ofMillis(700));
        CountAtBucket[] buckets = grpc.takeSnapshot().histogramCounts();
        assertEquals(11, buckets.length);
        assertEquals(1, count(buckets, 50), "30 ms is within 50 ms");
        assertEquals(2, count(buckets, 1_000));

        assertEquals(0, meters.timer("sentinel.other").takeSnapshot().histogramCounts().length);
    }

    private static double count(CountAtBucket[] buckets, long millis) {
        return Arrays.stream(buckets).filter(b -> b.bucket() == Duration.ofMillis(millis).toNanos()).findFirst()
                .orElseThrow().count();
    }
}
