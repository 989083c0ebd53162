package dev.promptbench.stats;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency distribution, in milliseconds. */
public record LatencySummary(double p50, double p90, double p95, double p99, double max) {

    /** Reads the percentiles of a histogram recorded in microseconds; null when it is empty. */
    public static LatencySummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) return null;
        return new LatencySummary(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
