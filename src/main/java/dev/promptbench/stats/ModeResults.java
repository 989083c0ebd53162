package dev.promptbench.stats;

import java.util.List;

/**
 * A mode's results over all its repeats: each repeat's summary, and the spread of the figures people
 * compare. With one repeat the spread is that repeat's value.
 *
 * @param repeats  each repeat's summary, in the order they ran
 * @param headline the summary of the median repeat by wall time (the one the table and JSON show)
 * @param wallMs   wall time across repeats
 * @param p50Ms    latency p50 across repeats, or null when no repeat had a success
 * @param p95Ms    latency p95 across repeats, or null
 */
public record ModeResults(List<ModeSummary> repeats, ModeSummary headline, Spread wallMs, Spread p50Ms,
                          Spread p95Ms) {

    /** Gathers the repeats of one mode (at least one). */
    public static ModeResults of(List<ModeSummary> repeats) {
        List<ModeSummary> byWall = repeats.stream()
                .sorted((a, b) -> Double.compare(a.wallMs(), b.wallMs())).toList();
        ModeSummary median = byWall.get((byWall.size() - 1) / 2);
        List<ModeSummary> withLatency = repeats.stream().filter(s -> s.latency() != null).toList();
        return new ModeResults(List.copyOf(repeats), median, Spread.of(repeats, ModeSummary::wallMs),
                Spread.of(withLatency, s -> s.latency().p50()), Spread.of(withLatency, s -> s.latency().p95()));
    }
}
