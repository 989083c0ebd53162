package dev.promptbench.stats;

/**
 * Percentiles of one distribution, in its reporting unit (milliseconds for times).
 *
 * @param count how many values were recorded
 */
public record Percentiles(long count, double p50, double p90, double p95, double p99, double max) {}
