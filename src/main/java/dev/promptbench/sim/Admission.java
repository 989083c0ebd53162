package dev.promptbench.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate limiter's verdict on one request, with the figures its rate-limit headers report.
 *
 * @param admitted          true when the request may be served
 * @param exceeded          on refusal, which limit: {@code "requests"} or {@code "tokens"}; else null
 * @param retryAfterNanos   on refusal, real time until the request would be admitted; else 0
 * @param limitRequests     requests per minute in force, 0 when unlimited
 * @param remainingRequests requests that could be admitted at once, after this one
 * @param limitTokens       tokens per minute in force, 0 when unlimited
 * @param remainingTokens   tokens that could be charged at once, after this request
 * @param style             which of the rate-limit headers to send
 */
record Admission(boolean admitted, String exceeded, long retryAfterNanos, int limitRequests,
                 long remainingRequests, int limitTokens, long remainingTokens, RateLimitHeaderStyle style) {

    /** An admission that reports every rate-limit header. */
    Admission(boolean admitted, String exceeded, long retryAfterNanos, int limitRequests, long remainingRequests,
              int limitTokens, long remainingTokens) {
        this(admitted, exceeded, retryAfterNanos, limitRequests, remainingRequests, limitTokens, remainingTokens,
                RateLimitHeaderStyle.ALL);
    }

    /** Real milliseconds to wait, rounded up and at least 1. */
    long retryAfterMillis() {
        return Math.max(1, (retryAfterNanos + 999_999) / 1_000_000);
    }

    /** Whole seconds to wait, rounded up and at least 1: what {@code retry-after} carries. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfterMillis() + 999) / 1000);
    }

    /** The {@code x-ratelimit-*} headers (and on refusal the {@code retry-after} pair). */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (limitRequests > 0 && style != RateLimitHeaderStyle.NONE) {
            if (style == RateLimitHeaderStyle.ALL) {
                headers.put("x-ratelimit-limit-requests", Integer.toString(limitRequests));
            }
            headers.put("x-ratelimit-remaining-requests", Long.toString(remainingRequests));
        }
        if (limitTokens > 0 && style != RateLimitHeaderStyle.NONE) {
            if (style == RateLimitHeaderStyle.ALL) {
                headers.put("x-ratelimit-limit-tokens", Integer.toString(limitTokens));
            }
            headers.put("x-ratelimit-remaining-tokens", Long.toString(remainingTokens));
        }
        if (!admitted) {
            headers.put("retry-after-ms", Long.toString(retryAfterMillis()));
            headers.put("retry-after", Long.toString(retryAfterSeconds()));
        }
        return headers;
    }
}
