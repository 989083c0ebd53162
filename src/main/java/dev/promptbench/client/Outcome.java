package dev.promptbench.client;

import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.ConnectionTimes;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ThrottleCause;
import java.time.Duration;

/** What became of one request: a value, never an exception. */
public sealed interface Outcome permits Outcome.Success, Outcome.Failure {

    /** What the final attempt's exchange with the service told, answered or not. */
    Exchange exchange();

    /** How many attempts led to this outcome (a retrying decorator fills it in). */
    Attempts attempts();

    /** The same outcome with its attempt history. */
    Outcome withAttempts(Attempts attempts);

    /** When the request was sent, answered and finished. */
    default Timing timing() { return exchange().timing(); }

    /** The HTTP status, or null when no response arrived. */
    default Integer httpStatus() { return exchange().httpStatus(); }

    /** The service's request id ({@code apim-request-id} or {@code x-request-id}), or null. */
    default String requestId() { return exchange().requestId(); }

    /** Connection phases of the final attempt, or null when the client did not record them. */
    default ConnectionTimes connection() { return exchange().connection(); }

    /** The final attempt's {@code x-ratelimit-*} headers; {@link RateLimitHeaders#NONE} when none came. */
    default RateLimitHeaders rateLimits() { return exchange().rateLimits(); }

    /**
     * The final attempt's exchange with the service.
     *
     * @param timing     when the request was sent, answered and finished
     * @param httpStatus the HTTP status, or null when no response arrived
     * @param requestId  the service's request id, or null
     * @param connection connection phases, or null when the client did not record them
     * @param rateLimits the response's rate-limit headers; null is taken as {@link RateLimitHeaders#NONE}
     */
    record Exchange(Timing timing, Integer httpStatus, String requestId, ConnectionTimes connection,
                    RateLimitHeaders rateLimits) {

        public Exchange {
            rateLimits = rateLimits != null ? rateLimits : RateLimitHeaders.NONE;
        }

        /** An exchange whose connection phases and rate-limit headers were not recorded. */
        public Exchange(Timing timing, Integer httpStatus, String requestId) {
            this(timing, httpStatus, requestId, null, RateLimitHeaders.NONE);
        }

        /** The same exchange with the connection phases and rate-limit headers of its attempt. */
        public Exchange withConnection(ConnectionTimes connection, RateLimitHeaders rateLimits) {
            return new Exchange(timing, httpStatus, requestId, connection, rateLimits);
        }
    }

    /** A 2xx answer. */
    record Success(Exchange exchange, Attempts attempts, Answer answer) implements Outcome {

        /** A first-attempt answer. */
        public Success(Exchange exchange, Answer answer) {
            this(exchange, Attempts.FIRST, answer);
        }

        @Override
        public Success withAttempts(Attempts attempts) {
            return new Success(exchange, attempts, answer);
        }

        /** The same answer with the connection phases and rate-limit headers of its attempt. */
        Success withConnection(ConnectionTimes connection, RateLimitHeaders rateLimits) {
            return new Success(exchange.withConnection(connection, rateLimits), attempts, answer);
        }

        /** True when the service cut the completion for content filtering. */
        public boolean filtered() { return answer.filtered(); }
    }

    /**
     * A classified failure.
     *
     * @param kind       why it failed
     * @param code       the service's error code ({@code DeploymentNotFound}, {@code 429}, ...) or null
     * @param message    one line for humans, secrets redacted
     * @param retryAfter what the service asked us to wait (429/503), or null
     * @param throttle   why a 429 came ({@link ThrottleCause#UNKNOWN} when not told); null for any other kind
     */
    record Failure(Exchange exchange, Attempts attempts, ErrorKind kind, String code, String message,
                   Duration retryAfter, ThrottleCause throttle) implements Outcome {

        public Failure {
            throttle = kind != ErrorKind.RATE_LIMITED ? null : throttle != null ? throttle : ThrottleCause.UNKNOWN;
        }

        /** A first-attempt failure whose 429 cause, if it is one, is unknown. */
        public Failure(Exchange exchange, ErrorKind kind, String code, String message, Duration retryAfter) {
            this(exchange, Attempts.FIRST, kind, code, message, retryAfter, null);
        }

        @Override
        public Failure withAttempts(Attempts attempts) {
            return new Failure(exchange, attempts, kind, code, message, retryAfter, throttle);
        }

        /** The same failure with its 429 cause told. */
        public Failure withThrottle(ThrottleCause cause) {
            return new Failure(exchange, attempts, kind, code, message, retryAfter, cause);
        }

        /** The same failure with the connection phases and rate-limit headers of its attempt. */
        Failure withConnection(ConnectionTimes connection, RateLimitHeaders rateLimits) {
            return new Failure(exchange.withConnection(connection, rateLimits), attempts, kind, code, message,
                    retryAfter, throttle);
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
