package dev.promptbench.stats;

import java.util.List;
import java.util.Objects;

/**
 * The percentiles of several repeats of a mode taken together: their encoded histograms merged, so p50,
 * p90, p95, p99 and max are all read from the same pooled distribution (a median of p50s printed beside one
 * repeat's max could show a p95 above the max).
 *
 * @param latency latency over every repeat's successful requests, or null when none succeeded
 * @param stream  streaming percentiles pooled likewise, or null when nothing was streamed
 * @param queue   open-loop queueing pooled likewise, or null for closed-loop plans
 */
record PooledPercentiles(Percentiles latency, ModeSummary.StreamPercentiles stream, Percentiles queue) {

    /** Pools the repeats' histograms; when one lacks them (an old file), null, and nothing is pooled. */
    static PooledPercentiles of(List<ModeSummary> repeats) {
        if (!available(repeats)) return null;
        Percentiles latency = pool(repeats, "latency_us", 1000);
        ModeSummary.StreamPercentiles stream = repeats.stream().allMatch(s -> s.stream() == null) ? null
                : new ModeSummary.StreamPercentiles(pool(repeats, "ttft_us", 1000), pool(repeats, "tpot_us", 1000),
                        pool(repeats, "chunk_gap_us", 1000), pool(repeats, "decode_tokens_per_s_x100", 100),
                        repeats.stream().filter(s -> s.stream() != null)
                                .mapToLong(s -> s.stream().estimatedTokens()).sum(),
                        pool(repeats, "first_reasoning_us", 1000));
        Percentiles queue = repeats.stream().allMatch(s -> s.queue() == null) ? null : pool(repeats, "queue_us", 1000);
        return new PooledPercentiles(latency, stream, queue);
    }

    /** True when every repeat carries its latency histogram in a readable form. */
    static boolean available(List<ModeSummary> repeats) {
        if (!repeats.stream().allMatch(s -> s.histograms() != null && s.histograms().containsKey("latency_us"))) {
            return false;
        }
        try {
            Distribution.pooled(repeats.stream().map(s -> s.histograms().get("latency_us")).toList(), 1000);
            return true;
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /**
     * {@code summary} (the median repeat) with the pooled percentiles of {@code repeats} in place of its own;
     * {@code summary} itself when they cannot be pooled.
     */
    static ModeSummary headline(List<ModeSummary> repeats, ModeSummary summary) {
        PooledPercentiles pooled = of(repeats);
        if (pooled == null) return summary;
        return summary.withTiming(new ModeSummary.Timing(pooled.latency(), pooled.stream(), pooled.queue(),
                summary.histograms()));
    }

    private static Percentiles pool(List<ModeSummary> repeats, String name, double unitsPerReported) {
        List<String> encoded = repeats.stream().map(s -> s.histograms().get(name)).filter(Objects::nonNull).toList();
        return encoded.isEmpty() ? null : Distribution.pooled(encoded, unitsPerReported);
    }
}
