package dev.promptbench.run;

import dev.promptbench.client.Attempts;
import dev.promptbench.client.ConnectionTimes;
import dev.promptbench.client.StreamMetrics;
import dev.promptbench.client.Usage;

/**
 * The one final record of one request: one per (prompt, mode, repeat), in completion order.
 *
 * @param mode         which mode sent it
 * @param repeat       0-based repeat number
 * @param index        the prompt's 0-based index in the prompt file
 * @param promptId     the prompt's id
 * @param warmup       true for a warm-up request: sent and recorded, left out of every statistic
 * @param status       ok, error, filtered or not_run
 * @param finishReason the service's finish_reason, or null
 * @param httpStatus   the final HTTP status, or null when none arrived
 * @param error        why it failed, or null
 * @param attempts     how many times it was sent (0 when not run), 429s among them, and the time spent
 *                     waiting between attempts (back-off, Retry-After, cool-down)
 * @param times        when it was scheduled, sent and finished, and its latency
 * @param usage        token counts from the service, or null
 * @param stream       token timing when the answer was streamed, its instants relative to the final
 *                     attempt's send (so {@code firstContentNanos} is the time to first token), or null
 * @param connection   connection phases of the final attempt, or null
 * @param lane         the worker that sent it (0-based), or -1 when not run
 * @param endpoint     the endpoint's name
 * @param requestId    the service's request id, or null
 * @param model        the model that answered, or null
 * @param answer       the answer text, or null
 */
public record RequestResult(Mode mode, int repeat, int index, String promptId, boolean warmup, RequestStatus status,
                            String finishReason, Integer httpStatus, RequestError error, Attempts attempts,
                            RequestTimes times, Usage usage, StreamMetrics stream, ConnectionTimes connection,
                            int lane, String endpoint, String requestId, String model, String answer) {

    /** The attempts of a request that was never sent. */
    public static final Attempts NEVER_SENT = new Attempts(0, 0, 0, 0);

    /** A record for a prompt that was never sent. */
    public static RequestResult notRun(Mode mode, int repeat, int index, String promptId, boolean warmup,
                                       String endpoint) {
        return new RequestResult(mode, repeat, index, promptId, warmup, RequestStatus.NOT_RUN, null, null, null,
                NEVER_SENT, RequestTimes.NONE, null, null, null, -1, endpoint, null, null, null);
    }

    /** True when the request was sent and a final outcome recorded. */
    public boolean ran() { return status != RequestStatus.NOT_RUN; }
}
