package dev.promptbench.client;

import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.ConnectionTimes;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.results.request.Usage;
import java.time.Duration;

/** What became of one request: a value, never an exception. */
public sealed interface Outcome permits Outcome.Success, Outcome.Failure {

    /** When the request was sent, answered and finished. */
    Timing timing();

    /** The HTTP status, or null when no response arrived. */
    Integer httpStatus();

    /** The service's request id ({@code apim-request-id} or {@code x-request-id}), or null. */
    String requestId();

    /** How many attempts led to this outcome (a retrying decorator fills it in). */
    Attempts attempts();

    /** The same outcome with its attempt history. */
    Outcome withAttempts(Attempts attempts);

    /** Connection phases of the final attempt, or null when the client did not record them. */
    ConnectionTimes connection();

    /** The final attempt's {@code x-ratelimit-*} headers; {@link RateLimitHeaders#NONE} when none came. */
    RateLimitHeaders rateLimits();

    /**
     * A 2xx chat completion.
     *
     * @param answer       the first choice's message content ("" when null)
     * @param finishReason {@code stop}, {@code length}, {@code content_filter}, ... or null
     * @param usage        token counts from the service, or null when it sent none
     * @param model        the model that answered, as the service names it, or null
     * @param attempts     how many attempts led here
     * @param stream       token timing of a streamed answer, or null when not streamed
     * @param connection   connection phases of this attempt, or null
     * @param rateLimits   the response's rate-limit headers; null is taken as {@link RateLimitHeaders#NONE}
     * @param servedTier   the tier the answer says served it ({@code service_tier}), or null when it named none:
     *                     apart from {@code usage}, which a stream without a usage chunk does not have
     * @param refusal      the text of the model's refusal ({@code message.refusal}, a Responses {@code refusal}
     *                     part), or null when it did not refuse: what it showed in place of an answer
     */
    record Success(Timing timing, Integer httpStatus, String requestId, String answer, String finishReason,
                   Usage usage, String model, Attempts attempts, StreamMetrics stream,
                   ConnectionTimes connection, RateLimitHeaders rateLimits, ServiceTier servedTier, String refusal)
            implements Outcome {

        public Success {
            rateLimits = rateLimits != null ? rateLimits : RateLimitHeaders.NONE;
        }

        /** A success whose answer named no tier. */
        public Success(Timing timing, Integer httpStatus, String requestId, String answer, String finishReason,
                       Usage usage, String model, Attempts attempts, StreamMetrics stream,
                       ConnectionTimes connection, RateLimitHeaders rateLimits) {
            this(timing, httpStatus, requestId, answer, finishReason, usage, model, attempts, stream, connection,
                    rateLimits, null, null);
        }

        /** A success without rate-limit headers. */
        public Success(Timing timing, Integer httpStatus, String requestId, String answer, String finishReason,
                       Usage usage, String model, Attempts attempts, StreamMetrics stream,
                       ConnectionTimes connection) {
            this(timing, httpStatus, requestId, answer, finishReason, usage, model, attempts, stream, connection,
                    RateLimitHeaders.NONE);
        }

        /** A first-attempt, non-streamed success. */
        public Success(Timing timing, Integer httpStatus, String requestId, String answer, String finishReason,
                       Usage usage, String model) {
            this(timing, httpStatus, requestId, answer, finishReason, usage, model, Attempts.FIRST, null, null,
                    RateLimitHeaders.NONE);
        }

        @Override
        public Success withAttempts(Attempts attempts) {
            return new Success(timing, httpStatus, requestId, answer, finishReason, usage, model, attempts, stream,
                    connection, rateLimits, servedTier, refusal);
        }

        /** The same success with the connection phases and rate-limit headers of its attempt. */
        public Success withConnection(ConnectionTimes connection, RateLimitHeaders rateLimits) {
            return new Success(timing, httpStatus, requestId, answer, finishReason, usage, model, attempts, stream,
                    connection, rateLimits, servedTier, refusal);
        }

        /** True when the service cut the completion for content filtering. */
        public boolean filtered() { return "content_filter".equals(finishReason); }
    }

    /**
     * A classified failure.
     *
     * @param kind       why it failed
     * @param code       the service's error code ({@code DeploymentNotFound}, {@code 429}, ...) or null
     * @param message    one line for humans, secrets redacted
     * @param retryAfter what the service asked us to wait (429/503), or null
     * @param rateLimits the response's rate-limit headers; null is taken as {@link RateLimitHeaders#NONE}
     * @param throttle   why a 429 came ({@link ThrottleCause#UNKNOWN} when not told); null for any other kind
     */
    record Failure(Timing timing, Integer httpStatus, String requestId, ErrorKind kind, String code,
                   String message, Duration retryAfter, Attempts attempts, ConnectionTimes connection,
                   RateLimitHeaders rateLimits, ThrottleCause throttle)
            implements Outcome {

        public Failure {
            rateLimits = rateLimits != null ? rateLimits : RateLimitHeaders.NONE;
            throttle = kind != ErrorKind.RATE_LIMITED ? null : throttle != null ? throttle : ThrottleCause.UNKNOWN;
        }

        /** A failure whose 429 cause, if it is one, is unknown. */
        public Failure(Timing timing, Integer httpStatus, String requestId, ErrorKind kind, String code,
                       String message, Duration retryAfter, Attempts attempts, ConnectionTimes connection,
                       RateLimitHeaders rateLimits) {
            this(timing, httpStatus, requestId, kind, code, message, retryAfter, attempts, connection, rateLimits,
                    null);
        }

        /** A failure without rate-limit headers. */
        public Failure(Timing timing, Integer httpStatus, String requestId, ErrorKind kind, String code,
                       String message, Duration retryAfter, Attempts attempts, ConnectionTimes connection) {
            this(timing, httpStatus, requestId, kind, code, message, retryAfter, attempts, connection,
                    RateLimitHeaders.NONE, null);
        }

        /** A first-attempt failure. */
        public Failure(Timing timing, Integer httpStatus, String requestId, ErrorKind kind, String code,
                       String message, Duration retryAfter) {
            this(timing, httpStatus, requestId, kind, code, message, retryAfter, Attempts.FIRST, null,
                    RateLimitHeaders.NONE, null);
        }

        @Override
        public Failure withAttempts(Attempts attempts) {
            return new Failure(timing, httpStatus, requestId, kind, code, message, retryAfter, attempts, connection,
                    rateLimits, throttle);
        }

        /** The same failure with its 429 cause told. */
        public Failure withThrottle(ThrottleCause cause) {
            return new Failure(timing, httpStatus, requestId, kind, code, message, retryAfter, attempts, connection,
                    rateLimits, cause);
        }

        /**
         * True when every further request is pointless: the endpoint refused us for good (401, 403, 404,
         * TLS), or the quota is used up.
         */
        public boolean stopsRun() {
            return kind.isFatal() || throttle == ThrottleCause.QUOTA_EXHAUSTED;
        }
    }
}
