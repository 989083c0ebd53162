package dev.promptbench.app;

import dev.promptbench.stats.SweepStep;
import java.time.Duration;
import java.util.List;

/**
 * How long a sweep step is expected to take: before any step, from the canary's latency (a closed loop of
 * {@code threads} workers sends {@code requests} in ⌈requests / threads⌉ waves); after, from the
 * throughput of the measured step with the most threads not above it, assuming more threads add
 * nothing, so the figure errs long.
 *
 * @param canaryNanos the canary's latency, or a negative number when it is unknown
 */
record StepTime(long canaryNanos) {

    /** Nanoseconds a step of {@code threads} is expected to take over its repeats, or -1 when unknown. */
    long predict(int threads, int requests, int repeats, List<SweepStep> done) {
        SweepStep reference = null;
        for (SweepStep step : done) {
            if (step.threads() <= threads && step.rps() != null && step.rps().median() > 0
                    && (reference == null || step.threads() > reference.threads())) {
                reference = step;
            }
        }
        if (reference != null) {
            return Math.round(requests / reference.rps().median() * 1e9) * repeats;
        }
        if (canaryNanos < 0) return -1;
        long waves = (requests + threads - 1) / threads;
        return waves * canaryNanos * repeats;
    }

    /** The sum of {@link #predict} over {@code steps} before any is measured, or -1 when unknown. */
    long total(List<Integer> steps, int requests, int repeats) {
        long sum = 0;
        for (int threads : steps) {
            long one = predict(threads, requests, repeats, List.of());
            if (one < 0) return -1;
            sum += one;
        }
        return sum;
    }

    /** "1 h 02 min", "3 min 20 s", "12 s", "0.4 s": a duration for people. */
    static String show(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        if (d.toHours() > 0) return String.format(java.util.Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
        if (d.toMinutes() > 0) return String.format(java.util.Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
        if (d.getSeconds() >= 10) return d.getSeconds() + " s";
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
