package dev.promptbench.results.request;


/**
 * The one final record of one request: one per (prompt, mode, repeat), in completion order. Its parts
 * are small values that travel as units from the client's outcome to the results file and the reports,
 * so a new per-request figure is a component of one of them (see docs/ARCHITECTURE.md).
 *
 * @param key        which prompt, mode and repeat
 * @param reply      what the service answered (status, error, ids, answer text)
 * @param attempts   how many times it was sent (0 when not run), 429s among them, and the time spent
 *                   waiting between attempts (back-off, Retry-After, cool-down)
 * @param times      when it was scheduled, sent and finished, and its latency; null when unknown (a line of
 *                   the Batch API, which says when each batch, not each request, ran)
 * @param usage      token counts from the service, or null
 * @param stream     token timing when the answer was streamed, its instants relative to the final
 *                   attempt's send (so {@code firstContentNanos} is the time to first token), or null
 * @param connection connection phases of the final attempt, or null
 * @param lane       the worker that sent it (0-based), or -1 when not run
 * @param endpoint   the endpoint's name
 * @param cost       what the answer cost at the run's prices, or null when unknown (no usage, no price)
 */
public record RequestResult(RequestKey key, Reply reply, Attempts attempts, RequestTimes times, Usage usage,
                            StreamMetrics stream, ConnectionTimes connection, int lane, String endpoint,
                            Double cost) {

    /** A record not priced (yet): its cost is unknown. */
    public RequestResult(RequestKey key, Reply reply, Attempts attempts, RequestTimes times, Usage usage,
                         StreamMetrics stream, ConnectionTimes connection, int lane, String endpoint) {
        this(key, reply, attempts, times, usage, stream, connection, lane, endpoint, null);
    }

    /** The same record at {@code cost}. */
    public RequestResult withCost(Double cost) {
        return new RequestResult(key, reply, attempts, times, usage, stream, connection, lane, endpoint, cost);
    }

    /** The attempts of a request that was never sent. */
    public static final Attempts NEVER_SENT = new Attempts(0, 0, 0, 0);

    /** A record for a prompt that was never sent. */
    public static RequestResult notRun(RequestKey key, String endpoint) {
        return new RequestResult(key, Reply.NOT_RUN, NEVER_SENT, RequestTimes.NONE, null, null, null, -1, endpoint);
    }

    /** True when the request was sent and a final outcome recorded. */
    public boolean ran() { return status() != RequestStatus.NOT_RUN; }

    // Shortcuts to the parts most readers want.
    public Mode mode() { return key.mode(); }
    public int repeat() { return key.repeat(); }
    public int index() { return key.index(); }
    public String promptId() { return key.promptId(); }
    public boolean warmup() { return key.warmup(); }
    public RequestStatus status() { return reply.status(); }
    public String finishReason() { return reply.finishReason(); }
    public Integer httpStatus() { return reply.httpStatus(); }
    public RequestError error() { return reply.error(); }
    public String requestId() { return reply.requestId(); }
    public String model() { return reply.model(); }
    public String answer() { return reply.answer(); }
}
