package dev.churnsentinel.intervention.task;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OpenTaskGaugesTest {
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OpenTaskGauges gauges = new OpenTaskGauges(meters);

    @Test
    void eachTenantAndTierReadsItsLatestCountAndGoesWhenItHasNoOpenTask() {
        gauges.update(List.of(new OpenTaskGauges.Count("acme", "RED", 3, 1), new OpenTaskGauges.Count("demo", "RED", 2, 0)));
        assertEquals(1, value("sentinel.tasks.overdue", "acme", "RED"));
        assertEquals(3, value("sentinel.tasks.open", "acme", "RED"));
        assertEquals(0, value("sentinel.tasks.overdue", "demo", "RED"));

        gauges.update(List.of(new OpenTaskGauges.Count("acme", "RED", 4, 2)));
        System.gc(); // the values stay readable: held strongly
        assertEquals(2, value("sentinel.tasks.overdue", "acme", "RED"));
        assertEquals(4, value("sentinel.tasks.open", "acme", "RED"));
        assertNull(meters.find("sentinel.tasks.overdue").tags("tenant", "demo").gauge(), "demo has no open task left");
    }

    private double value(String name, String tenant, String tier) {
        Gauge gauge = meters.find(name).tags("tenant", tenant, "tier", tier).gauge();
        return gauge.value();
    }
}
