package dev.promptbench.stats;

import dev.promptbench.run.Mode;
import java.util.Map;

/**
 * The finished statistics of one mode.
 *
 * @param mode                 which mode
 * @param threads              workers used (1 for sequential)
 * @param wallMs               first request dispatched to last result recorded
 * @param requests             request records (every prompt, including not_run)
 * @param ok                   answered
 * @param errors               ended in error
 * @param filtered             answered but content-filtered
 * @param notRun               never sent
 * @param requestsPerS         requests that ran, per second of wall time
 * @param latency              latency percentiles over successful requests, or null when none
 * @param promptTokens         prompt tokens reported by the service
 * @param completionTokens     completion tokens reported by the service
 * @param completionTokensPerS completion tokens per second of wall time
 * @param lowerBoundMs         shortest possible wall time for this pool with these service times (parallel only)
 * @param efficiency           lowerBound / wall (parallel only)
 * @param errorsByKind         error counts by kind
 * @param retries              attempts beyond the first, over all requests
 * @param rateLimited          attempts answered 429
 * @param retriesAfterSend     retries of requests that may already have been processed (and billed)
 * @param waitMs               total time requests spent waiting between attempts (not in latency)
 */
public record ModeSummary(Mode mode, int threads, double wallMs, long requests, long ok, long errors, long filtered,
                          long notRun, double requestsPerS, LatencySummary latency, long promptTokens,
                          long completionTokens, double completionTokensPerS, Double lowerBoundMs,
                          Double efficiency, Map<String, Long> errorsByKind, long retries, long rateLimited,
                          long retriesAfterSend, double waitMs) {}
