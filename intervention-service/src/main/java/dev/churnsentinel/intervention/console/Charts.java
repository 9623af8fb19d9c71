package dev.churnsentinel.intervention.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small server-rendered charts: the geometry of inline SVGs (coordinates in a fixed view box, which the browser
 * scales to the screen), so pages need no charting script.
 */
public final class Charts {
    public static final int WIDTH = 300;
    public static final int HEIGHT = 100;
    private static final int PAD = 6;
    private static final List<String> TIERS = List.of("RED", "ORANGE", "YELLOW", "GREEN");

    private Charts() {
    }

    public record Point(Instant at, double score, String tier, String label) {
    }

    public record Dot(String x, String y, String tier, String title) {
    }

    /** A risk score over time: a polyline and a dot per score, coloured by tier; y is 0-100. */
    public record Line(String points, List<Dot> dots, String from, String to) {
        public boolean empty() {
            return dots.isEmpty();
        }
    }

    public static Line line(List<Point> points) {
        if (points.isEmpty()) {
            return new Line("", List.of(), "", "");
        }
        long first = points.get(0).at().toEpochMilli();
        long span = Math.max(1, points.get(points.size() - 1).at().toEpochMilli() - first);
        StringBuilder polyline = new StringBuilder();
        List<Dot> dots = new ArrayList<>();
        for (Point p : points) {
            double x = points.size() == 1 ? WIDTH / 2.0 : PAD + (WIDTH - 2.0 * PAD) * (p.at().toEpochMilli() - first) / span;
            double y = PAD + (HEIGHT - 2.0 * PAD) * (1 - Math.max(0, Math.min(100, p.score())) / 100);
            String sx = fmt(x);
            String sy = fmt(y);
            polyline.append(polyline.isEmpty() ? "" : " ").append(sx).append(',').append(sy);
            dots.add(new Dot(sx, sy, p.tier() == null ? "GREEN" : p.tier(), p.label() + " · " + fmt(p.score())));
        }
        return new Line(polyline.toString(), dots, points.get(0).label(), points.get(points.size() - 1).label());
    }

    /** A tier threshold's height in the line chart's view box. */
    public static String y(double score) {
        return fmt(PAD + (HEIGHT - 2.0 * PAD) * (1 - score / 100));
    }

    public record Segment(String tier, String y, String height, long count) {
    }

    public record Column(String x, String width, String label, long total, List<Segment> segments) {
    }

    /** Counts per week, stacked by tier (RED at the bottom). */
    public record Stacked(List<Column> columns, long max) {
    }

    public static Stacked stacked(List<LocalDate> weeks, List<Map<String, Long>> counts) {
        long max = 1;
        for (Map<String, Long> week : counts) {
            max = Math.max(max, week.values().stream().mapToLong(Long::longValue).sum());
        }
        double slot = (double) WIDTH / Math.max(1, weeks.size());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            Map<String, Long> week = counts.get(i);
            double bottom = HEIGHT;
            List<Segment> segments = new ArrayList<>();
            long total = 0;
            for (String tier : TIERS) {
                long n = week.getOrDefault(tier, 0L);
                if (n == 0) {
                    continue;
                }
                double h = (HEIGHT - PAD) * (double) n / max;
                bottom -= h;
                segments.add(new Segment(tier, fmt(bottom), fmt(h), n));
                total += n;
            }
            columns.add(new Column(fmt(i * slot + slot * 0.15), fmt(slot * 0.7),
                    weeks.get(i).getMonthValue() + "/" + weeks.get(i).getDayOfMonth(), total, segments));
        }
        return new Stacked(columns, max);
    }

    public record Bar(String label, String value, int width) {
    }

    /** Horizontal bars, each as a share of the largest value (percentages of the row). */
    public record Bars(List<Bar> bars) {
    }

    public static Bars bars(List<String> labels, List<Double> values, String unit) {
        double max = values.stream().filter(v -> v != null).mapToDouble(v -> Math.abs(v)).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Double v = values.get(i);
            bars.add(new Bar(labels.get(i), v == null ? "—" : fmt(v) + unit,
                    v == null || max == 0 ? 0 : (int) Math.round(100 * Math.abs(v) / max)));
        }
        return new Bars(bars);
    }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
