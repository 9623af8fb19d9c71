package dev.churnsentinel.intervention.task;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sentinel_tasks_open{tenant,tier}} and {@code sentinel_tasks_overdue{tenant,tier}}: the open tasks and those
 * past their due date, per tenant and tier, from the latest count. A tenant and tier with no open task has no series
 * (alerts on {@code > 0} stop firing when they go); one with open tasks and none overdue reads 0 overdue.
 */
final class OpenTaskGauges {
    /** One line of the count. */
    record Count(String tenant, String tier, long open, long overdue) {
    }

    private final MultiGauge open;
    private final MultiGauge overdue;
    /** The values the gauges read, held here: a gauge holds its value only weakly. */
    private Map<Tags, AtomicLong[]> values = Map.of();

    OpenTaskGauges(MeterRegistry meters) {
        open = MultiGauge.builder("sentinel.tasks.open").description("Open tasks (open, acknowledged, in progress)")
                .register(meters);
        overdue = MultiGauge.builder("sentinel.tasks.overdue").description("Open tasks past their due date")
                .register(meters);
    }

    /** Replaces what the gauges show with {@code counts}. */
    synchronized void update(List<Count> counts) {
        Map<Tags, AtomicLong[]> next = new HashMap<>();
        for (Count count : counts) {
            Tags tags = Tags.of("tenant", count.tenant(), "tier", count.tier());
            AtomicLong[] value = values.containsKey(tags) ? values.get(tags) : new AtomicLong[] {new AtomicLong(), new AtomicLong()};
            value[0].set(count.open());
            value[1].set(count.overdue());
            next.put(tags, value);
        }
        values = next;
        open.register(next.entrySet().stream().map(e -> MultiGauge.Row.of(e.getKey(), e.getValue()[0])).toList(), true);
        overdue.register(next.entrySet().stream().map(e -> MultiGauge.Row.of(e.getKey(), e.getValue()[1])).toList(), true);
    }
}
