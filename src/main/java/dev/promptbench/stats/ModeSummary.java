package dev.promptbench.stats;

import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.ThrottleCause;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The finished statistics of one mode (one repeat of it), in small parts that a new figure joins.
 *
 * @param mode       which mode
 * @param repeat     0-based repeat number
 * @param threads    workers used (1 for sequential)
 * @param wall       wall time, throughput and the parallel lower bound
 * @param counts     requests by status and errors by kind
 * @param timing     the latency, streaming and queueing distributions
 * @param rate       asked and achieved open-loop rate, or null for closed-loop plans
 * @param tokens     tokens as the service reported them
 * @param attempts   retries, 429s and the time spent waiting between attempts
 * @param billing    what the answers cost and which service tiers served them
 */
public record ModeSummary(Mode mode, int repeat, int threads, Wall wall, Counts counts, Timing timing,
                          RateFigures rate, Tokens tokens, AttemptTotals attempts, Billing billing) {

    public ModeSummary {
        timing = timing == null ? Timing.NONE : timing;
        billing = billing == null ? Billing.NONE : billing;
    }

    /** A summary with nothing known of cost or tiers. */
    public ModeSummary(Mode mode, int repeat, int threads, Wall wall, Counts counts, Timing timing,
                       RateFigures rate, Tokens tokens, AttemptTotals attempts) {
        this(mode, repeat, threads, wall, counts, timing, rate, tokens, attempts, Billing.NONE);
    }

    /** The same summary with other distributions (a mode's repeats pooled). */
    public ModeSummary withTiming(Timing pooled) {
        return new ModeSummary(mode, repeat, threads, wall, counts, pooled, rate, tokens, attempts, billing);
    }

    // Shortcuts to the parts most readers want.
    public Percentiles latency() { return timing.latency(); }
    public StreamPercentiles stream() { return timing.stream(); }
    public Percentiles queue() { return timing.queue(); }
    public Map<String, String> histograms() { return timing.histograms(); }
    public double wallMs() { return wall.ms(); }
    public double requestsPerS() { return wall.requestsPerS(); }
    public Double lowerBoundMs() { return wall.lowerBoundMs(); }
    public Double efficiency() { return wall.efficiency(); }
    public long requests() { return counts.requests(); }
    public long ok() { return counts.ok(); }
    public long errors() { return counts.errors(); }
    public long filtered() { return counts.filtered(); }
    public Long refused() { return counts.refused(); }
    public long notRun() { return counts.notRun(); }
    public Map<String, Long> errorsByKind() { return counts.errorsByKind(); }
    public long retries() { return attempts.retries(); }

    /**
     * False for the Batch API, which tells nothing of a request's attempts, 429s or waits: its retries,
     * rate_limited, retries_after_send and wait_ms are unknown, not 0.
     */
    public boolean attemptsKnown() { return mode != Mode.BATCH; }
    public long rateLimited() { return attempts.rateLimited(); }
    public Map<String, Long> rateLimitedBy() { return attempts.rateLimitedBy(); }
    public long retriesAfterSend() { return attempts.retriesAfterSend(); }
    public double waitMs() { return attempts.waitMs(); }

    /**
     * How long requests took, as percentiles and as the histograms they were read from.
     *
     * @param latency    latency percentiles over successful requests, or null when none
     * @param stream     streaming percentiles, or null when nothing was streamed
     * @param queue      open-loop queueing percentiles (waiting for a free worker), or null
     * @param histograms every distribution in HdrHistogram's compressed base64 form, by name
     */
    public record Timing(Percentiles latency, StreamPercentiles stream, Percentiles queue,
                         Map<String, String> histograms) {
        /** Nothing measured. */
        public static final Timing NONE = new Timing(null, null, null, Map.of());

        public Timing {
            histograms = histograms == null ? Map.of() : histograms;
        }

        /** Latency percentiles alone, without histograms. */
        public static Timing of(Percentiles latency) {
            return new Timing(latency, null, null, Map.of());
        }
    }

    /**
     * Wall time and what is measured against it.
     *
     * @param ms           first request sent to last result recorded
     * @param requestsPerS requests that ran, per second of wall time
     * @param lowerBoundMs shortest possible wall time for this pool with these service times (parallel only)
     * @param efficiency   lowerBound / wall (parallel only; null when nothing was answered)
     */
    public record Wall(double ms, double requestsPerS, Double lowerBoundMs, Double efficiency) {}

    /**
     * Request records by status.
     *
     * @param requests     request records (every prompt, including not_run; warm-up excluded)
     * @param ok           answered
     * @param errors       ended in error
     * @param filtered     answered but content-filtered
     * @param notRun       never sent
     * @param errorsByKind error counts by kind
     * @param refused      of the ok answers, those the model refused (its refusal text in place of an answer);
     *                     null when unknown (a summary written before refusals were told apart)
     */
    public record Counts(long requests, long ok, long errors, long filtered, long notRun,
                         Map<String, Long> errorsByKind, Long refused) {

        /** Counts that say nothing of refusals (unknown). */
        public Counts(long requests, long ok, long errors, long filtered, long notRun, Map<String, Long> errorsByKind) {
            this(requests, ok, errors, filtered, notRun, errorsByKind, null);
        }
    }

    /**
     * Attempts beyond the first, over all requests.
     *
     * @param retries          attempts beyond the first
     * @param rateLimited      attempts answered 429
     * @param retriesAfterSend retries of requests that may already have been processed (and billed)
     * @param waitMs           total time requests spent waiting between attempts (not in latency)
     * @param rateLimitedBy    those 429s by cause ({@code token_rate}, {@code quota_exhausted}, ...), in the
     *                         causes' order, each above 0
     */
    public record AttemptTotals(long retries, long rateLimited, long retriesAfterSend, double waitMs,
                                Map<String, Long> rateLimitedBy) {

        public AttemptTotals {
            rateLimitedBy = rateLimitedBy != null ? Collections.unmodifiableMap(new LinkedHashMap<>(rateLimitedBy))
                    : rateLimited > 0 ? Map.of(ThrottleCause.UNKNOWN.wireName(), rateLimited) : Map.of();
        }

        /** Totals whose 429s, if any, have no known cause. */
        public AttemptTotals(long retries, long rateLimited, long retriesAfterSend, double waitMs) {
            this(retries, rateLimited, retriesAfterSend, waitMs, null);
        }

        /** The 429s of {@code cause}, 0 when none. */
        public long rateLimited(ThrottleCause cause) {
            return rateLimitedBy.getOrDefault(cause.wireName(), 0L);
        }
    }

    /**
     * Tokens as the service reported them in {@code usage}: unknown (null) when no answer reported any,
     * never a 0 that was not counted.
     *
     * @param prompt         prompt tokens summed over the answers that reported usage, or null
     * @param completion     completion tokens summed likewise, or null
     * @param completionPerS completion tokens per second of wall time, or null when unknown
     * @param withoutUsage   successful answers that reported no usage (their tokens are not in the sums)
     * @param reasoning      of the completion tokens, those spent reasoning, summed over the answers that said;
     *                       null when none did
     * @param cached         of the prompt tokens, those read from the prompt cache, summed likewise; null when none said
     * @param reasoningShare reasoning over completion tokens of the answers that said, 0..1, or null
     * @param cachedShare    cached over prompt tokens of the answers that said, 0..1, or null
     */
    public record Tokens(Long prompt, Long completion, Double completionPerS, long withoutUsage, Long reasoning,
                         Long cached, Double reasoningShare, Double cachedShare) {

        /** Tokens without the reasoning and cached details. */
        public Tokens(Long prompt, Long completion, Double completionPerS, long withoutUsage) {
            this(prompt, completion, completionPerS, withoutUsage, null, null, null, null);
        }

        /** Token sums over the answers that reported usage ({@code reported} of them); null when none did. */
        public static Tokens of(long reported, long prompt, long completion, double wallS, long withoutUsage) {
            if (reported == 0) return new Tokens(null, null, null, withoutUsage);
            return new Tokens(prompt, completion, wallS > 0 ? completion / wallS : 0, withoutUsage);
        }

        /**
         * The same sums with the details: {@code reasoning} of {@code reasoningOf} completion tokens and
         * {@code cached} of {@code cachedOf} prompt tokens, over the answers that reported each (null when none).
         */
        public Tokens withDetails(Long reasoning, long reasoningOf, Long cached, long cachedOf) {
            return new Tokens(prompt, completion, completionPerS, withoutUsage, reasoning, cached,
                    share(reasoning, reasoningOf), share(cached, cachedOf));
        }

        private static Double share(Long part, long of) {
            return part == null ? null : of > 0 ? (double) part / of : 0.0;
        }

        /** True when time per output token counted visible tokens only: the answers separated reasoning. */
        public boolean visibleOnly() { return reasoning != null; }
    }

    /**
     * What the answers cost and which service tiers served them.
     *
     * @param cost        the priced answers' cost summed, or null when none could be priced
     * @param costPer1k   cost per 1,000 priced answers, or null
     * @param priced      answers whose cost is known
     * @param unpriced    answers whose cost is unknown (no usage, no price for the model or tier)
     * @param servedTiers answers by the tier they said served them (answers that said none are not counted)
     */
    public record Billing(Double cost, Double costPer1k, long priced, long unpriced, Map<String, Long> servedTiers) {
        /** Nothing known. */
        public static final Billing NONE = new Billing(null, null, 0, 0, Map.of());

        public Billing {
            servedTiers = Map.copyOf(servedTiers);
        }

        /** The sums of {@code priced} costs, {@code unpriced} answers left out. */
        public static Billing of(double sum, long priced, long unpriced, Map<String, Long> servedTiers) {
            return new Billing(priced == 0 ? null : sum, priced == 0 ? null : sum / priced * 1000, priced, unpriced,
                    servedTiers);
        }

        /** Answers served on a lower tier than {@code asked} (0 when nothing was asked). */
        public long servedBelow(ServiceTier asked) {
            if (asked == null) return 0;
            long below = 0;
            for (Map.Entry<String, Long> served : servedTiers.entrySet()) {
                if (asked.servedBelow(ServiceTier.parse(served.getKey()).orElse(null))) below += served.getValue();
            }
            return below;
        }
    }

    /**
     * Streaming distributions over successful streamed requests.
     *
     * @param ttft              time to first token, ms
     * @param tpot              time per output token after the first, ms
     * @param chunkGap          each request's median gap between content events, ms
     * @param decodeTokensPerS  tokens per second after the first token
     * @param estimatedTokens   requests whose token count had to be estimated (no usage sent)
     * @param firstReasoning    time to the first reasoning event, ms, over the requests whose stream showed
     *                          one (the Responses API's reasoning events); null when none did
     */
    public record StreamPercentiles(Percentiles ttft, Percentiles tpot, Percentiles chunkGap,
                                    Percentiles decodeTokensPerS, long estimatedTokens, Percentiles firstReasoning) {

        /** Streaming percentiles of streams that showed no reasoning. */
        public StreamPercentiles(Percentiles ttft, Percentiles tpot, Percentiles chunkGap,
                                 Percentiles decodeTokensPerS, long estimatedTokens) {
            this(ttft, tpot, chunkGap, decodeTokensPerS, estimatedTokens, null);
        }
    }

    /**
     * An open-loop rate: what was asked and what the sender achieved.
     *
     * @param arrival  the arrival process, e.g. "poisson 10/s"
     * @param asked    requests per second asked
     * @param achieved requests per second actually sent (first to last send)
     */
    public record RateFigures(String arrival, double asked, double achieved) {}
}
