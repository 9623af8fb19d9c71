package dev.churnsentinel.scoring.model;

import java.time.Instant;

/**
 * A customer's usual level of one measure and its most recent value. The usual level is an exponentially
 * weighted mean of the earlier values (the newest is not yet folded in), so a change shows against it.
 */
public class Trend {
    public Double baseline;
    public Double recent;
    /** When the recent value was measured (null for trends fed without a time). */
    public Instant recentAt;
    public int count;

    /**
     * As {@link #observe(double, double)}, in time order whatever the arrival order: a value measured before the
     * recent one (a late delivery) only joins the baseline; the recent value stays the newest measured.
     */
    public void observe(double value, Instant at, double smoothing) {
        if (recentAt != null && at != null && at.isBefore(recentAt)) {
            baseline = baseline == null ? value : smoothing * value + (1 - smoothing) * baseline;
            count++;
            return;
        }
        observe(value, smoothing);
        recentAt = at;
    }

    /** Folds the previous recent value into the baseline and keeps {@code value} as the recent one. */
    public void observe(double value, double smoothing) {
        if (recent != null) {
            baseline = baseline == null ? recent : smoothing * recent + (1 - smoothing) * baseline;
        }
        recent = value;
        count++;
    }

    public boolean hasChange() {
        return baseline != null && recent != null;
    }

    /** Relative change of recent against baseline (+0.5 = 50 % up); 0 without a baseline. */
    public double relativeChange() {
        return hasChange() && baseline != 0 ? (recent - baseline) / Math.abs(baseline) : 0;
    }

    /** Absolute change of recent against baseline; 0 without a baseline. */
    public double change() {
        return hasChange() ? recent - baseline : 0;
    }
}
