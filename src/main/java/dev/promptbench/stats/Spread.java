package dev.promptbench.stats;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How much a figure varied across repeats: min–max for fewer than five repeats, the interquartile
 * range from five on (min–max would then be driven by one outlier).
 *
 * @param median the middle value
 * @param low    min, or the first quartile
 * @param high   max, or the third quartile
 * @param kind   min-max or the interquartile range
 */
public record Spread(double median, double low, double high, Kind kind) {

    /** Which range a spread is. */
    public enum Kind {
        MIN_MAX("min-max"),
        IQR("iqr");

        private final String wireName;

        Kind(String wireName) { this.wireName = wireName; }

        /** The name JSON and the reports use. */
        public String wireName() { return wireName; }
    }

    /** The spread of {@code figure} over {@code items}; null when there are none. */
    public static <T> Spread of(List<T> items, ToDoubleFunction<T> figure) {
        double[] values = items.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) return null;
        if (values.length < 5) {
            return new Spread(quantile(values, 0.5), values[0], values[values.length - 1], Kind.MIN_MAX);
        }
        return new Spread(quantile(values, 0.5), quantile(values, 0.25), quantile(values, 0.75), Kind.IQR);
    }

    /** Linear interpolation between closest ranks, on sorted values. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {low, median, high}) + " " + kind;
    }
}
