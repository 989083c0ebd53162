package dev.promptbench.stats;

import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.results.request.Usage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates one mode's records as they arrive (no list of samples is kept, only histograms and
 * counters), then finishes them once into a {@link ModeSummary}. Warm-up records are ignored.
 */
public final class ModeStatistics implements ResultSink {
    private final Mode mode;
    private final int repeat;
    private final int workers;
    /** The open-loop rate asked (achieved is measured), or null for a closed-loop mode. */
    private final ModeSummary.RateFigures openLoop;
    private final Distribution latency = Distribution.ofMicrosAsMillis();
    private final Distribution ttft = Distribution.ofMicrosAsMillis();
    private final Distribution firstReasoning = Distribution.ofMicrosAsMillis();
    private final Distribution tpot = Distribution.ofMicrosAsMillis();
    private final Distribution chunkGap = Distribution.ofMicrosAsMillis();
    private final Distribution decodeTokensPerS = new Distribution(100);
    private final Distribution queue = Distribution.ofMicrosAsMillis();
    private final ServiceTimes serviceTimes = new ServiceTimes();
    private final Map<String, Long> errorsByKind = new TreeMap<>();
    private long requests;
    private long ok;
    private long errors;
    private long filtered;
    private long refused;
    private long notRun;
    private long promptTokens;
    private long completionTokens;
    private long usageReported;
    private long withoutUsage;
    private long reasoningTokens;
    private long reasoningOf;
    private long reasoningReported;
    private long cachedTokens;
    private long cachedOf;
    private long cachedReported;
    private double cost;
    private long priced;
    private long unpriced;
    private final Map<String, Long> servedTiers = new TreeMap<>();
    private long retries;
    private long rateLimited;
    private final long[] rateLimitedBy = new long[ThrottleCause.values().length];
    private long retriesAfterSend;
    private long waitNanos;
    private long streamed;
    private long estimatedTokens;
    private long firstSendNanos = Long.MAX_VALUE;
    private long lastSendNanos = Long.MIN_VALUE;

    /**
     * Statistics for one repeat of a mode, as a saved run describes it.
     *
     * @param workers  the pool size (1 for sequential)
     * @param openLoop the open-loop rate asked, or null for a closed-loop mode
     */
    public ModeStatistics(Mode mode, int repeat, int workers, ModeSummary.RateFigures openLoop) {
        this.mode = mode;
        this.repeat = repeat;
        this.workers = workers;
        this.openLoop = openLoop;
    }

    @Override
    public void accept(RequestResult result) {
        if (result.mode() != mode || result.repeat() != repeat || result.warmup()) return;
        requests++;
        switch (result.status()) {
            case OK -> {
                ok++;
                if (result.reply().refused()) refused++;
            }
            case FILTERED -> filtered++;
            case NOT_RUN -> notRun++;
            case ERROR -> {
                errors++;
                errorsByKind.merge(result.error() == null ? "unknown" : result.error().kind(), 1L, Long::sum);
            }
        }
        if (!result.ran()) return;
        // A request with no times (a Batch API line) adds nothing to the latencies: unknown, not 0.
        if (result.times() != null) recordTimes(result);
        retries += Math.max(0, result.attempts().count() - 1);
        rateLimited += result.attempts().rateLimited();
        result.attempts().throttled().byCause().forEach((cause, count) -> rateLimitedBy[cause.ordinal()] += count);
        retriesAfterSend += result.attempts().retriesAfterSend();
        waitNanos += result.attempts().waitNanos();
        if (result.usage() != null) {
            usageReported++;
            promptTokens += result.usage().promptTokens();
            completionTokens += result.usage().completionTokens();
            recordDetails(result.usage());
        } else if (answered(result)) {
            withoutUsage++;
        }
        // The tier is the answer's own, so an answer without token counts still says where it was served.
        ServiceTier served = result.reply().servedTier();
        if (served != null) servedTiers.merge(served.wireName(), 1L, Long::sum);
        if (result.cost() != null) {
            cost += result.cost();
            priced++;
        } else if (answered(result)) {
            unpriced++;
        }
    }

    private static boolean answered(RequestResult result) {
        return result.status() == RequestStatus.OK || result.status() == RequestStatus.FILTERED;
    }

    /** Reasoning and cached tokens, each summed with the total it is a part of, over the answers that said. */
    private void recordDetails(Usage usage) {
        if (usage.reasoningTokens() != null) {
            reasoningReported++;
            reasoningTokens += usage.reasoningTokens();
            reasoningOf += usage.completionTokens();
        }
        if (usage.cachedTokens() != null) {
            cachedReported++;
            cachedTokens += usage.cachedTokens();
            cachedOf += usage.promptTokens();
        }
    }

    private void recordTimes(RequestResult result) {
        if (result.status() == RequestStatus.OK) {
            latency.recordNanos(result.times().latencyNanos());
            if (result.stream() != null) recordStream(result.stream());
        }
        if (openLoop != null) queue.recordNanos(result.times().queueNanos());
        // The bound replays how long each request kept its worker busy, retries and waits included.
        serviceTimes.put(result.index(), result.times().busyNanos());
        firstSendNanos = Math.min(firstSendNanos, result.times().startOffsetNanos());
        lastSendNanos = Math.max(lastSendNanos, result.times().startOffsetNanos());
    }

    private void recordStream(StreamMetrics stream) {
        streamed++;
        if (stream.tokensEstimated()) estimatedTokens++;
        if (stream.chunks() > 0) ttft.recordNanos(stream.firstContentNanos());
        if (stream.sawReasoning()) firstReasoning.recordNanos(stream.firstReasoningNanos());
        if (stream.tpotNanos() != null) tpot.recordNanos(Math.round(stream.tpotNanos()));
        if (stream.chunks() > 1) chunkGap.recordNanos(stream.chunkGapP50Nanos());
        if (stream.decodeTokensPerS() != null) decodeTokensPerS.recordReported(stream.decodeTokensPerS());
    }

    /** The summary for a wall time measured by the dispatcher. */
    public ModeSummary finish(long wallNanos) {
        return finish(wallNanos, (lastSendNanos - firstSendNanos) / 1e9);
    }

    /**
     * The summary for a wall time and a send span pieced together from the parts of a resumed run
     * (each part's clock starts at zero, so neither can be read off the records' offsets).
     *
     * @param sendSpanS first to last send, in seconds, for the achieved open-loop rate
     */
    public ModeSummary finish(long wallNanos, double sendSpanS) {
        double wallS = wallNanos / 1e9;
        long ran = requests - notRun;
        Double lowerBoundMs = null;
        Double efficiency = null;
        // The bound is for a closed-loop pool; an open-loop run is paced by its arrivals instead.
        if (mode == Mode.PARALLEL && openLoop == null) {
            long[] times = serviceTimes.inSubmissionOrder();
            long bound = LowerBound.makespanNanos(times, times.length, workers);
            lowerBoundMs = bound / 1e6;
            // Nothing answered: the pool's efficiency at failing says nothing about the service.
            efficiency = wallNanos > 0 && ok + filtered > 0 ? (double) bound / wallNanos : null;
        }
        ModeSummary.StreamPercentiles streamPercentiles = streamed == 0 ? null
                : new ModeSummary.StreamPercentiles(ttft.percentiles(), tpot.percentiles(), chunkGap.percentiles(),
                        decodeTokensPerS.percentiles(), estimatedTokens, firstReasoning.percentiles());
        return new ModeSummary(mode, repeat, workers,
                new ModeSummary.Wall(wallNanos / 1e6, wallS > 0 ? ran / wallS : 0, lowerBoundMs, efficiency),
                new ModeSummary.Counts(requests, ok, errors, filtered, notRun,
                        Collections.unmodifiableMap(new TreeMap<>(errorsByKind)), refused),
                new ModeSummary.Timing(latency.percentiles(), streamPercentiles,
                        openLoop != null ? queue.percentiles() : null, encodedHistograms()),
                rate(ran, sendSpanS),
                ModeSummary.Tokens.of(usageReported, promptTokens, completionTokens, wallS, withoutUsage)
                        .withDetails(reasoningReported == 0 ? null : reasoningTokens, reasoningOf,
                                cachedReported == 0 ? null : cachedTokens, cachedOf),
                new ModeSummary.AttemptTotals(retries, rateLimited, retriesAfterSend, waitNanos / 1e6, byCause()),
                ModeSummary.Billing.of(cost, priced, unpriced, servedTiers));
    }

    /** The 429s by cause, in the causes' order, causes never met left out. */
    private Map<String, Long> byCause() {
        Map<String, Long> byCause = new LinkedHashMap<>();
        for (ThrottleCause cause : ThrottleCause.values()) {
            if (rateLimitedBy[cause.ordinal()] > 0) byCause.put(cause.wireName(), rateLimitedBy[cause.ordinal()]);
        }
        return byCause;
    }

    private ModeSummary.RateFigures rate(long ran, double spanS) {
        if (openLoop == null) return null;
        double achieved = ran > 1 && spanS > 0 ? (ran - 1) / spanS : 0;
        return new ModeSummary.RateFigures(openLoop.arrival(), openLoop.asked(), achieved);
    }

    private Map<String, String> encodedHistograms() {
        Map<String, String> encoded = new LinkedHashMap<>();
        encoded.put("latency_us", latency.encoded());
        if (streamed > 0) {
            encoded.put("ttft_us", ttft.encoded());
            encoded.put("tpot_us", tpot.encoded());
            encoded.put("chunk_gap_us", chunkGap.encoded());
            encoded.put("decode_tokens_per_s_x100", decodeTokensPerS.encoded());
            // Only when a stream showed reasoning: its absence says none did.
            if (firstReasoning.percentiles() != null) encoded.put("first_reasoning_us", firstReasoning.encoded());
        }
        if (openLoop != null) encoded.put("queue_us", queue.encoded());
        return Collections.unmodifiableMap(encoded);
    }
}
