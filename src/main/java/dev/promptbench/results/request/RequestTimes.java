package dev.promptbench.results.request;

/**
 * When one request happened, relative to its mode's start (monotonic nanoseconds).
 *
 * @param scheduledOffsetNanos when it was meant to be sent: its arrival time with an open-loop rate,
 *                             otherwise the moment its worker took it
 * @param startOffsetNanos     when it was actually sent (first attempt)
 * @param endOffsetNanos       when its final outcome was recorded; its worker was busy from start to end,
 *                             retries and waits included
 * @param latencyNanos         the latency reported: with an open-loop rate, scheduled time to end (queueing
 *                             and retries included, so a stalled service shows); otherwise the final
 *                             attempt's send to last byte; 0 when not run
 */
public record RequestTimes(long scheduledOffsetNanos, long startOffsetNanos, long endOffsetNanos, long latencyNanos) {

    /** A request that was never sent. */
    public static final RequestTimes NONE = new RequestTimes(0, 0, 0, 0);

    /** Time spent waiting for a free worker after the scheduled time (0 for closed-loop plans). */
    public long queueNanos() {
        return Math.max(0, startOffsetNanos - scheduledOffsetNanos);
    }

    /** How long the request kept its worker busy. */
    public long busyNanos() {
        return endOffsetNanos - startOffsetNanos;
    }
}
