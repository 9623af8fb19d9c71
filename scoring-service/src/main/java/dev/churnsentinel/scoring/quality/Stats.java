package dev.churnsentinel.scoring.quality;

/** Small statistics the backtest reports. */
final class Stats {
    private Stats() {
    }

    /** The {@code q} quantile of sorted values, linearly interpolated between ranks (NaN when there are none). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** {@code value} rounded to {@code places} decimals, NaN as null (JSON has no NaN). */
    static Double round(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
