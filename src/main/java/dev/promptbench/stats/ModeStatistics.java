package dev.promptbench.stats;

import dev.promptbench.run.Mode;
import dev.promptbench.run.RequestResult;
import dev.promptbench.run.RequestStatus;
import dev.promptbench.run.ResultSink;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Accumulates one mode's records as they arrive (no list of samples is kept), then finishes them
 * once into a {@link ModeSummary}.
 */
public final class ModeStatistics implements ResultSink {
    private final Mode mode;
    private final int threads;
    private final Histogram latencyMicros = new Histogram(3);
    private final ServiceTimes serviceTimes = new ServiceTimes();
    private final Map<String, Long> errorsByKind = new TreeMap<>();
    private long requests;
    private long ok;
    private long errors;
    private long filtered;
    private long notRun;
    private long promptTokens;
    private long completionTokens;
    private long retries;
    private long rateLimited;
    private long retriesAfterSend;
    private long waitNanos;

    public ModeStatistics(Mode mode, int threads) {
        this.mode = mode;
        this.threads = threads;
    }

    @Override
    public void accept(RequestResult result) {
        if (result.mode() != mode) return;
        requests++;
        switch (result.status()) {
            case OK -> ok++;
            case FILTERED -> filtered++;
            case NOT_RUN -> notRun++;
            case ERROR -> {
                errors++;
                errorsByKind.merge(result.error() == null ? "unknown" : result.error().kind(), 1L, Long::sum);
            }
        }
        if (result.status() == RequestStatus.OK) {
            latencyMicros.recordValue(Math.max(0, result.latencyNanos() / 1_000));
        }
        // The bound replays how long each request kept its worker busy, retries and waits included.
        if (result.ran()) serviceTimes.put(result.index(), result.endOffsetNanos() - result.startOffsetNanos());
        if (result.ran()) {
            retries += Math.max(0, result.attempts().count() - 1);
            rateLimited += result.attempts().rateLimited();
            retriesAfterSend += result.attempts().retriesAfterSend();
            waitNanos += result.attempts().waitNanos();
        }
        if (result.usage() != null) {
            promptTokens += result.usage().promptTokens();
            completionTokens += result.usage().completionTokens();
        }
    }

    /** The summary for a wall time measured by the dispatcher. */
    public ModeSummary finish(long wallNanos) {
        double wallS = wallNanos / 1e9;
        long ran = requests - notRun;
        Double lowerBoundMs = null;
        Double efficiency = null;
        if (mode == Mode.PARALLEL) {
            long[] times = serviceTimes.inSubmissionOrder();
            long bound = LowerBound.makespanNanos(times, times.length, threads);
            lowerBoundMs = bound / 1e6;
            efficiency = wallNanos > 0 ? (double) bound / wallNanos : null;
        }
        return new ModeSummary(mode, threads, wallNanos / 1e6, requests, ok, errors, filtered, notRun,
                wallS > 0 ? ran / wallS : 0, LatencySummary.ofMicros(latencyMicros), promptTokens, completionTokens,
                wallS > 0 ? completionTokens / wallS : 0, lowerBoundMs, efficiency,
                Collections.unmodifiableMap(new TreeMap<>(errorsByKind)), retries, rateLimited, retriesAfterSend,
                waitNanos / 1e6);
    }
}
