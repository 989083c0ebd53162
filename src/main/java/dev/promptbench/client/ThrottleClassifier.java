package dev.promptbench.client;

import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ThrottleCause;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells why a 429 came, from its body and headers, in the shapes the services send:
 * <ul>
 *   <li>quota: OpenAI's {@code insufficient_quota} (code or type), or a wait of an hour or more (Azure
 *       answers "Please retry after 86400 seconds" when a subscription's quota is used up);</li>
 *   <li>flex: OpenAI's and Azure's "429 Resource Unavailable" of the flex tier
 *       ({@code resource_unavailable});</li>
 *   <li>capacity: an {@code x-ratelimit-limit-tokens} or {@code -requests} below the highest this endpoint
 *       reported earlier in the run, which is how a temporary cut shows;</li>
 *   <li>token or request rate: Azure's "token rate limit" / "call rate limit", OpenAI's type
 *       {@code tokens} / {@code requests} ("tokens per min (TPM)" / "requests per min (RPM)"), else the
 *       remaining header of the two that reads 0;</li>
 *   <li>otherwise unknown.</li>
 * </ul>
 */
public final class ThrottleClassifier {
    /** A wait this long is not a rate limit that refills: the quota is gone for the day. */
    static final Duration QUOTA_WAIT = Duration.ofHours(1);
    private static final Pattern RETRY_AFTER_SECONDS =
            Pattern.compile("retry after (\\d{1,9}) seconds?", Pattern.CASE_INSENSITIVE);

    private ThrottleClassifier() {}

    /**
     * The cause of one 429.
     *
     * @param code       the error's {@code code} or null
     * @param type       the error's {@code type} or null
     * @param message    the error's message or null
     * @param headers    this answer's rate-limit headers
     * @param peak       the highest limits this endpoint reported before this answer ({@link RateLimitHeaders#NONE}
     *                   when none)
     * @param retryAfter the wait the headers asked for, or null
     */
    public static ThrottleCause classify(String code, String type, String message, RateLimitHeaders headers,
                                         RateLimitHeaders peak, Duration retryAfter) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (is(code, "insufficient_quota") || is(type, "insufficient_quota")
                || (retryAfter != null && retryAfter.compareTo(QUOTA_WAIT) >= 0)
                || askedSeconds(text) >= QUOTA_WAIT.getSeconds()) {
            return ThrottleCause.QUOTA_EXHAUSTED;
        }
        if (is(code, "resource_unavailable") || is(type, "resource_unavailable")
                || text.contains("resource unavailable")) {
            return ThrottleCause.FLEX_UNAVAILABLE;
        }
        if (lowered(headers.limitTokens(), peak.limitTokens()) || lowered(headers.limitRequests(), peak.limitRequests())) {
            return ThrottleCause.CAPACITY;
        }
        if (is(type, "tokens") || text.contains("token rate limit") || text.contains("tokens per min")
                || text.contains("tokens per day")) {
            return ThrottleCause.TOKEN_RATE;
        }
        if (is(type, "requests") || text.contains("call rate limit") || text.contains("requests per min")
                || text.contains("requests per day")) {
            return ThrottleCause.REQUEST_RATE;
        }
        if (Integer.valueOf(0).equals(headers.remainingTokens())) return ThrottleCause.TOKEN_RATE;
        if (Integer.valueOf(0).equals(headers.remainingRequests())) return ThrottleCause.REQUEST_RATE;
        return ThrottleCause.UNKNOWN;
    }

    private static boolean is(String value, String wanted) {
        return value != null && value.trim().equalsIgnoreCase(wanted);
    }

    private static boolean lowered(Integer now, Integer before) {
        return now != null && before != null && now < before;
    }

    /** The seconds in Azure's "Please retry after N seconds", or -1. */
    private static long askedSeconds(String text) {
        Matcher matcher = RETRY_AFTER_SECONDS.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
