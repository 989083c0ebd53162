package dev.promptbench.results.request;

/**
 * What the service answered to one request, in the terms the results file records.
 *
 * @param status       ok, error, filtered or not_run
 * @param finishReason the service's finish_reason, or null
 * @param httpStatus   the final HTTP status, or null when none arrived
 * @param error        why it failed, or null
 * @param requestId    the service's request id, or null
 * @param model        the model that answered, or null
 * @param answer       the answer text, or null
 * @param rateLimits   the final answer's {@code x-ratelimit-*} and {@code x-ms-spillover-*} headers; null is
 *                     taken as {@link RateLimitHeaders#NONE}
 * @param servedTier   the tier the answer says served it ({@code service_tier}), or null when it named none; kept
 *                     apart from the token counts, which a stream without a usage chunk does not have
 * @param refusal      the model's refusal text when it declined (an ok answer, not an empty one), or null
 */
public record Reply(RequestStatus status, String finishReason, Integer httpStatus, RequestError error,
                    String requestId, String model, String answer, RateLimitHeaders rateLimits,
                    ServiceTier servedTier, String refusal) {

    /** The reply of a request that was never sent. */
    public static final Reply NOT_RUN = new Reply(RequestStatus.NOT_RUN, null, null, null, null, null, null);

    public Reply {
        rateLimits = rateLimits != null ? rateLimits : RateLimitHeaders.NONE;
    }

    /** A reply that is no refusal. */
    public Reply(RequestStatus status, String finishReason, Integer httpStatus, RequestError error, String requestId,
                 String model, String answer, RateLimitHeaders rateLimits, ServiceTier servedTier) {
        this(status, finishReason, httpStatus, error, requestId, model, answer, rateLimits, servedTier, null);
    }

    /** True when the model answered with a refusal instead of an answer. */
    public boolean refused() { return refusal != null; }

    /** A reply whose answer named no tier. */
    public Reply(RequestStatus status, String finishReason, Integer httpStatus, RequestError error, String requestId,
                 String model, String answer, RateLimitHeaders rateLimits) {
        this(status, finishReason, httpStatus, error, requestId, model, answer, rateLimits, null);
    }

    /** A reply without rate-limit headers. */
    public Reply(RequestStatus status, String finishReason, Integer httpStatus, RequestError error, String requestId,
                 String model, String answer) {
        this(status, finishReason, httpStatus, error, requestId, model, answer, RateLimitHeaders.NONE);
    }

    /** The reply of a request that failed inside promptbench itself. */
    public static Reply internalError(String message) {
        return new Reply(RequestStatus.ERROR, null, null, new RequestError("internal", null, message), null, null,
                null);
    }
}
