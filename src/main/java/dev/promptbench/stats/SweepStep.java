package dev.promptbench.stats;

import dev.promptbench.results.request.ThrottleCause;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** True when a stop (Ctrl-C, the circuit breaker) cut the step: some of its requests were never sent. */
    public boolean partial() {
        return repeats.stream().anyMatch(r -> r.notRun() > 0);
    }

    /** Requests that succeeded over all repeats. */
    public long ok() {
        return repeats.stream().mapToLong(ModeSummary::ok).sum();
    }

    /** The 429s of {@code cause} over all repeats. */
    public long rateLimited(ThrottleCause cause) {
        return repeats.stream().mapToLong(s -> s.attempts().rateLimited(cause)).sum();
    }

    /** The 429s by cause over all repeats, in the causes' order, causes never met left out. */
    public Map<String, Long> rateLimitedBy() {
        Map<String, Long> byCause = new LinkedHashMap<>();
        for (ThrottleCause cause : ThrottleCause.values()) {
            long n = rateLimited(cause);
            if (n > 0) byCause.put(cause.wireName(), n);
        }
        return byCause;
    }

    /** What the step's priced answers cost over all repeats, or null when none could be priced (unknown, not 0). */
    public Double cost() {
        return priced() == 0 ? null : repeats.stream().filter(s -> s.billing().cost() != null)
                .mapToDouble(s -> s.billing().cost()).sum();
    }

    /** Cost per 1,000 priced answers over all repeats, or null when none could be priced. */
    public Double costPer1k() {
        Double cost = cost();
        return cost == null ? null : cost / priced() * 1000;
    }

    /** Answers whose cost is known, over all repeats. */
    private long priced() {
        return repeats.stream().mapToLong(s -> s.billing().priced()).sum();
    }

    public static SweepStep of(int threads, List<ModeSummary> repeats) {
        List<ModeSummary> withLatency = repeats.stream().filter(s -> s.latency() != null).toList();
        return new SweepStep(threads, List.copyOf(repeats), Spread.of(repeats, ModeSummary::requestsPerS),
                Spread.of(withLatency, s -> s.latency().p50()), Spread.of(withLatency, s -> s.latency().p95()),
                repeats.stream().mapToLong(ModeSummary::errors).sum(),
                repeats.stream().mapToLong(ModeSummary::rateLimited).sum());
    }
}
