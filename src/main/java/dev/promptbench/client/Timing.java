package dev.promptbench.client;

import dev.promptbench.results.request.StreamMetrics;

/**
 * Monotonic timestamps ({@link System#nanoTime()}) of one request's life, taken as close to the
 * socket as the client allows. A moment that was never reached is {@link #UNSET}.
 *
 * @param sentNanos      the call started (request about to be written)
 * @param headersNanos   response headers received
 * @param firstByteNanos first body byte received
 * @param endNanos       body fully read, or the failure observed
 */
public record Timing(long sentNanos, long headersNanos, long firstByteNanos, long endNanos) {
    /** Marks a moment the request never reached. */
    public static final long UNSET = StreamMetrics.UNSET;

    /** Whole request time, send to end, in nanoseconds. */
    public long latencyNanos() { return endNanos - sentNanos; }
}
