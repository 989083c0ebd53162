package dev.promptbench.client;

import dev.promptbench.results.request.StreamMetrics;
import java.util.Arrays;

/**
 * The arrival times of one stream's content-bearing events, kept in a growing {@code long[]} so a
 * long answer costs no boxing, and the {@link StreamMetrics} they make.
 */
final class ChunkTimes {
    private long[] times = new long[32];
    private int count;

    /** Records a content event received at {@code nanos} ({@link System#nanoTime()}). */
    void mark(long nanos) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
        }
        times[count++] = nanos;
    }

    /** Content events recorded so far. */
    int count() {
        return count;
    }

    /**
     * The metrics of the events recorded. Without any content event, the first and last content
     * instants are {@link Timing#UNSET}. The median gap is the lower middle one for an even count
     * (a value that was observed, not an average of two).
     *
     * @param completionTokens the token count (from usage, or estimated)
     * @param estimated        whether {@code completionTokens} is an estimate
     */
    StreamMetrics metrics(int completionTokens, boolean estimated) {
        return metrics(completionTokens, estimated, Timing.UNSET);
    }

    /** As {@link #metrics(int, boolean)}, with the instant of the first reasoning event ({@link Timing#UNSET} for none). */
    StreamMetrics metrics(int completionTokens, boolean estimated, long firstReasoningNanos) {
        long first = count == 0 ? Timing.UNSET : times[0];
        long last = count == 0 ? Timing.UNSET : times[count - 1];
        long p50 = 0;
        long max = 0;
        if (count >= 2) {
            long[] gaps = new long[count - 1];
            for (int i = 1; i < count; i++) {
                gaps[i - 1] = times[i] - times[i - 1];
            }
            Arrays.sort(gaps);
            p50 = gaps[(gaps.length - 1) / 2];
            max = gaps[gaps.length - 1];
        }
        return new StreamMetrics(first, last, count, p50, max, completionTokens, estimated, firstReasoningNanos);
    }
}
