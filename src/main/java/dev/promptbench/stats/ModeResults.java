package dev.promptbench.stats;

import java.util.List;

/**
 * A mode's results over all its repeats: each repeat's summary, and the spread of the figures people
 * compare. With one repeat the spread is that repeat's value.
 *
 * @param repeats  each repeat's summary, in the order they ran
 * @param headline the summary the table and JSON show: the median repeat by wall time, with every
 *                 percentile (latency, streaming, queueing) over the requests of all repeats pooled, so all
 *                 of a distribution's percentiles come from one distribution (see {@link #pooled})
 * @param wallMs   wall time across repeats
 * @param p50Ms    each repeat's latency p50 across repeats, or null when no repeat had a success
 * @param p95Ms    each repeat's latency p95 across repeats, or null
 */
public record ModeResults(List<ModeSummary> repeats, ModeSummary headline, Spread wallMs, Spread p50Ms,
                          Spread p95Ms) {

    /** Gathers the repeats of one mode (at least one). */
    public static ModeResults of(List<ModeSummary> repeats) {
        List<ModeSummary> byWall = repeats.stream()
                .sorted((a, b) -> Double.compare(a.wallMs(), b.wallMs())).toList();
        ModeSummary median = byWall.get((byWall.size() - 1) / 2);
        return of(repeats, repeats.size() < 2 ? median : PooledPercentiles.headline(repeats, median));
    }

    /** The repeats of one mode with their headline already made (a saved report's). */
    public static ModeResults of(List<ModeSummary> repeats, ModeSummary headline) {
        List<ModeSummary> withLatency = repeats.stream().filter(s -> s.latency() != null).toList();
        return new ModeResults(List.copyOf(repeats), headline, Spread.of(repeats, ModeSummary::wallMs),
                Spread.of(withLatency, s -> s.latency().p50()), Spread.of(withLatency, s -> s.latency().p95()));
    }

    /**
     * True when the headline's percentiles are over every repeat's requests pooled (several repeats, each
     * with its encoded histograms); false when they are one run's own.
     */
    public boolean pooled() {
        return repeats.size() > 1 && PooledPercentiles.available(repeats);
    }
}
