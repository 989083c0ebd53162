package dev.promptbench.results.request;

/**
 * What a streamed answer's timing looked like, token by token. All instants are
 * {@link System#nanoTime()} values; durations are nanoseconds.
 *
 * @param firstContentNanos when the first non-empty content delta arrived (time to first token)
 * @param lastContentNanos  when the last content delta arrived
 * @param chunks            content-bearing SSE events received
 * @param chunkGapP50Nanos  median gap between consecutive content events (0 with fewer than 2)
 * @param chunkGapMaxNanos  largest gap between consecutive content events (0 with fewer than 2)
 * @param completionTokens  visible completion tokens (reasoning tokens left out when the service separates
 *                          them): from {@code usage} when sent, otherwise estimated
 * @param tokensEstimated   true when the service sent no usage and the count was estimated from the text
 * @param firstReasoningNanos when the first reasoning event arrived (Responses API: a reasoning item or
 *                          reasoning text), or {@link #UNSET} when the stream showed none
 */
public record StreamMetrics(long firstContentNanos, long lastContentNanos, int chunks, long chunkGapP50Nanos,
                            long chunkGapMaxNanos, int completionTokens, boolean tokensEstimated,
                            long firstReasoningNanos) {

    /** An instant that was never reached. */
    public static final long UNSET = Long.MIN_VALUE;

    /** Metrics of a stream that showed no reasoning event. */
    public StreamMetrics(long firstContentNanos, long lastContentNanos, int chunks, long chunkGapP50Nanos,
                         long chunkGapMaxNanos, int completionTokens, boolean tokensEstimated) {
        this(firstContentNanos, lastContentNanos, chunks, chunkGapP50Nanos, chunkGapMaxNanos, completionTokens,
                tokensEstimated, UNSET);
    }

    /** True when the stream showed a reasoning event. */
    public boolean sawReasoning() { return firstReasoningNanos != UNSET; }

    /**
     * Time per output token after the first, per token (not per event): several tokens may share one
     * event, so this divides by tokens. Null with fewer than two tokens, or fewer than two content
     * events (then the stream says nothing about the pace of tokens).
     */
    public Double tpotNanos() {
        if (completionTokens < 2 || chunks < 2) return null;
        return (double) (lastContentNanos - firstContentNanos) / (completionTokens - 1);
    }

    /** Tokens per second after the first token, or null when it cannot be told. */
    public Double decodeTokensPerS() {
        long span = lastContentNanos - firstContentNanos;
        if (completionTokens < 2 || chunks < 2 || span <= 0) return null;
        return (completionTokens - 1) / (span / 1e9);
    }
}
