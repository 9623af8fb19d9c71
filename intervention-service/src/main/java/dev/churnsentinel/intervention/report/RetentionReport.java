package dev.churnsentinel.intervention.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The retention report from per-tier counts: SLA compliance, save rate, revenue kept (annual value of the customers
 * kept × margin × remaining lifetime) against the cost of the interventions, and the ROI. Plain arithmetic;
 * a rate whose denominator is zero is null (nothing to measure yet), never 0 or 100%.
 */
public final class RetentionReport {

    /** What the database counted for one tier. */
    public record Counts(String tier, long tasks, long open, long resolved, long cancelled, long escalated,
                         long acknowledgeDue, long acknowledgedOnTime, long resolveDue, long resolvedOnTime,
                         long retained, long churned, long falseAlarms, long passiveChurn,
                         BigDecimal retainedAnnualValue, BigDecimal cost) {
    }

    public record Assumptions(double margin, double lifetimeYears) {
    }

    public record Sla(long acknowledgeDue, long acknowledgedOnTime, Double acknowledgedOnTimeRate,
                      long resolveDue, long resolvedOnTime, Double resolvedOnTimeRate, long escalated) {
    }

    public record Outcomes(long retained, long churned, long falseAlarms, long passiveChurn, Double saveRate) {
    }

    public record Money(BigDecimal retainedAnnualValue, BigDecimal revenueKept, BigDecimal cost, BigDecimal net, Double roi) {
    }

    public record Line(String tier, long tasks, long open, long resolved, long cancelled, Sla sla, Outcomes outcomes,
                       Money money) {
    }

    private RetentionReport() {
    }

    /** One line per tier in the given order, and a last line {@code ALL} that sums them. */
    public static List<Line> lines(List<Counts> perTier, Assumptions assumptions) {
        List<Line> lines = new ArrayList<>();
        Counts all = new Counts("ALL", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
        for (Counts c : perTier) {
            lines.add(line(c, assumptions));
            all = new Counts("ALL", all.tasks() + c.tasks(), all.open() + c.open(), all.resolved() + c.resolved(),
                    all.cancelled() + c.cancelled(), all.escalated() + c.escalated(),
                    all.acknowledgeDue() + c.acknowledgeDue(), all.acknowledgedOnTime() + c.acknowledgedOnTime(),
                    all.resolveDue() + c.resolveDue(), all.resolvedOnTime() + c.resolvedOnTime(),
                    all.retained() + c.retained(), all.churned() + c.churned(), all.falseAlarms() + c.falseAlarms(),
                    all.passiveChurn() + c.passiveChurn(), all.retainedAnnualValue().add(c.retainedAnnualValue()),
                    all.cost().add(c.cost()));
        }
        lines.add(line(all, assumptions));
        return lines;
    }

    static Line line(Counts c, Assumptions assumptions) {
        BigDecimal kept = c.retainedAnnualValue().multiply(BigDecimal.valueOf(assumptions.margin()))
                .multiply(BigDecimal.valueOf(assumptions.lifetimeYears())).setScale(2, RoundingMode.HALF_UP);
        BigDecimal cost = c.cost().setScale(2, RoundingMode.HALF_UP);
        BigDecimal net = kept.subtract(cost);
        Double roi = cost.signum() == 0 ? null
                : net.divide(cost, 4, RoundingMode.HALF_UP).doubleValue();
        return new Line(c.tier(), c.tasks(), c.open(), c.resolved(), c.cancelled(),
                new Sla(c.acknowledgeDue(), c.acknowledgedOnTime(), rate(c.acknowledgedOnTime(), c.acknowledgeDue()),
                        c.resolveDue(), c.resolvedOnTime(), rate(c.resolvedOnTime(), c.resolveDue()), c.escalated()),
                new Outcomes(c.retained(), c.churned(), c.falseAlarms(), c.passiveChurn(),
                        rate(c.retained(), c.retained() + c.churned())),
                new Money(c.retainedAnnualValue().setScale(2, RoundingMode.HALF_UP), kept, cost, net, roi));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
