package dev.promptbench.run;

/**
 * When a mode's first request was dispatched and its last result recorded (monotonic nanoseconds).
 * Wall time is the difference: it covers dispatch to last record, nothing before or after.
 */
public record ModeTimes(long firstDispatchNanos, long lastRecordNanos) {
    public long wallNanos() { return Math.max(0, lastRecordNanos - firstDispatchNanos); }
}
