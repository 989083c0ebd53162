package dev.promptbench.client;

import dev.promptbench.results.request.RateLimitHeaders;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest {@code x-ratelimit-limit-*} figures each endpoint has reported in this client's life: a
 * 429 whose limit is lower than that is a capacity cut, not our own rate. Bounded: client-chosen URLs
 * past {@value #MAX_KEYS} are not remembered.
 */
final class LimitPeaks {
    private static final int MAX_KEYS = 256;
    private final Map<Object, RateLimitHeaders> peaks = new ConcurrentHashMap<>();

    /**
     * Notes {@code headers} for {@code key} (the endpoint's URL, any value with equals) and returns the peak before them
     * ({@link RateLimitHeaders#NONE} when none).
     */
    RateLimitHeaders record(Object key, RateLimitHeaders headers) {
        RateLimitHeaders before = peaks.getOrDefault(key, RateLimitHeaders.NONE);
        if (headers.limitRequests() == null && headers.limitTokens() == null) return before;
        if (peaks.size() >= MAX_KEYS && !peaks.containsKey(key)) return before;
        peaks.merge(key, RateLimitHeaders.limits(headers.limitRequests(), headers.limitTokens()),
                (old, now) -> RateLimitHeaders.limits(max(old.limitRequests(), now.limitRequests()),
                        max(old.limitTokens(), now.limitTokens())));
        return before;
    }

    private static Integer max(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
    }
}
