package dev.promptbench.client;

/**
 * What a response said about the deployment's rate limits ({@code x-ratelimit-*} headers); each
 * figure is null when the service did not send it (or sent something that is not a whole number).
 * Adaptive concurrency and the router read them; they are never printed as raw header values.
 *
 * @param remainingRequests {@code x-ratelimit-remaining-requests}: requests that could be admitted now
 * @param remainingTokens   {@code x-ratelimit-remaining-tokens}: tokens that could be charged now
 * @param limitRequests     {@code x-ratelimit-limit-requests}
 * @param limitTokens       {@code x-ratelimit-limit-tokens}
 */
public record RateLimitHeaders(Integer remainingRequests, Integer remainingTokens, Integer limitRequests,
                               Integer limitTokens) {

    /** Nothing was said. */
    public static final RateLimitHeaders NONE = new RateLimitHeaders(null, null, null, null);

    /** True when no figure is known. */
    public boolean isEmpty() {
        return remainingRequests == null && remainingTokens == null && limitRequests == null && limitTokens == null;
    }

    /**
     * Reads the four headers; values that are not non-negative whole numbers count as absent, and
     * values beyond {@code int} are capped, so a strange gateway cannot break a run.
     */
    public static RateLimitHeaders of(String remainingRequests, String remainingTokens, String limitRequests,
                                      String limitTokens) {
        RateLimitHeaders headers = new RateLimitHeaders(number(remainingRequests), number(remainingTokens),
                number(limitRequests), number(limitTokens));
        return headers.isEmpty() ? NONE : headers;
    }

    private static Integer number(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        // More digits than a long holds is still "a lot": cap rather than drop it.
        return text.length() > 18 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(text));
    }
}
