package dev.promptbench.stats;

import dev.promptbench.results.request.ThrottleCause;
import java.util.List;

/**
 * One concurrency step of a sweep over its repeats.
 *
 * @param threads     requests in flight
 * @param repeats     each repeat's summary
 * @param rps         throughput over repeats
 * @param p50Ms       latency p50 over repeats, or null
 * @param p95Ms       latency p95 over repeats, or null
 * @param errors      errors over all repeats
 * @param rateLimited attempts answered 429 over all repeats
 */
public record SweepStep(int threads, List<ModeSummary> repeats, Spread rps, Spread p50Ms, Spread p95Ms, long errors,
                        long rateLimited) {

    /** The 429s of {@code cause} over all repeats. */
    public long rateLimited(ThrottleCause cause) {
        return repeats.stream().mapToLong(s -> s.attempts().rateLimited(cause)).sum();
    }

    public static SweepStep of(int threads, List<ModeSummary> repeats) {
        List<ModeSummary> withLatency = repeats.stream().filter(s -> s.latency() != null).toList();
        return new SweepStep(threads, List.copyOf(repeats), Spread.of(repeats, ModeSummary::requestsPerS),
                Spread.of(withLatency, s -> s.latency().p50()), Spread.of(withLatency, s -> s.latency().p95()),
                repeats.stream().mapToLong(ModeSummary::errors).sum(),
                repeats.stream().mapToLong(ModeSummary::rateLimited).sum());
    }
}
