package dev.promptbench.results.request;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a response said about the deployment's rate limits ({@code x-ratelimit-*}) and about Azure's
 * spillover of a provisioned deployment ({@code x-ms-spillover-*}); each figure is null when the service
 * did not send it (or sent something unusable). Recorded per request; adaptive concurrency, the budgets'
 * calibration and the 429 classifier read them.
 *
 * @param remainingRequests {@code x-ratelimit-remaining-requests}: requests that could be admitted now
 * @param remainingTokens   {@code x-ratelimit-remaining-tokens}: tokens that could be charged now
 * @param limitRequests     {@code x-ratelimit-limit-requests}
 * @param limitTokens       {@code x-ratelimit-limit-tokens}
 * @param resetRequestsMs   {@code x-ratelimit-reset-requests} in milliseconds (Azure sends whole seconds,
 *                          OpenAI a duration such as {@code 12ms} or {@code 6m0s})
 * @param resetTokensMs     {@code x-ratelimit-reset-tokens} likewise
 * @param spilloverFrom     {@code x-ms-spillover-from-deployment}: the provisioned deployment that spilled this
 *                          request over to a standard one
 * @param spilloverError    {@code x-ms-spillover-error}: the provisioned deployment's error that started it
 */
public record RateLimitHeaders(Integer remainingRequests, Integer remainingTokens, Integer limitRequests,
                               Integer limitTokens, Long resetRequestsMs, Long resetTokensMs, String spilloverFrom,
                               String spilloverError) {

    /** Nothing was said. */
    public static final RateLimitHeaders NONE = new RateLimitHeaders(null, null, null, null);
    private static final int MAX_TEXT = 200;
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

    /** The remaining and limit figures alone. */
    public RateLimitHeaders(Integer remainingRequests, Integer remainingTokens, Integer limitRequests,
                            Integer limitTokens) {
        this(remainingRequests, remainingTokens, limitRequests, limitTokens, null, null, null, null);
    }

    /** The limit figures alone. */
    public static RateLimitHeaders limits(Integer limitRequests, Integer limitTokens) {
        return new RateLimitHeaders(null, null, limitRequests, limitTokens);
    }

    /** True when nothing is known. */
    public boolean isEmpty() {
        return remainingRequests == null && remainingTokens == null && limitRequests == null && limitTokens == null
                && resetRequestsMs == null && resetTokensMs == null && spilloverFrom == null && spilloverError == null;
    }

    /**
     * Reads the four remaining and limit headers; values that are not non-negative whole numbers count as
     * absent, and values beyond {@code int} are capped, so a strange gateway cannot break a run.
     */
    public static RateLimitHeaders of(String remainingRequests, String remainingTokens, String limitRequests,
                                      String limitTokens) {
        RateLimitHeaders headers = new RateLimitHeaders(number(remainingRequests), number(remainingTokens),
                number(limitRequests), number(limitTokens));
        return headers.isEmpty() ? NONE : headers;
    }

    /** Reads every header this record holds through {@code header} (a name to its value, or null). */
    public static RateLimitHeaders read(UnaryOperator<String> header) {
        String resetTokens = header.apply("x-ratelimit-reset-tokens");
        if (resetTokens == null) {
            // One Azure 429 was seen with this spelling (openai-python#937).
            resetTokens = header.apply("x-rate-limit-reset-tokens");
        }
        RateLimitHeaders headers = new RateLimitHeaders(number(header.apply("x-ratelimit-remaining-requests")),
                number(header.apply("x-ratelimit-remaining-tokens")), number(header.apply("x-ratelimit-limit-requests")),
                number(header.apply("x-ratelimit-limit-tokens")), millis(header.apply("x-ratelimit-reset-requests")),
                millis(resetTokens), text(header.apply("x-ms-spillover-from-deployment")),
                text(header.apply("x-ms-spillover-error")));
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

    /**
     * A reset time in milliseconds: a bare number is seconds (Azure), else a Go-style duration such as
     * {@code 1m30s}, {@code 20.5s} or {@code 12ms} (OpenAI); null for anything else (and for the {@code -1}
     * seen on some answers).
     */
    static Long millis(String value) {
        if (value == null) return null;
        String text = value.trim();
        if (text.isEmpty() || text.length() > 40) return null;
        if (text.matches("\\d+(\\.\\d+)?")) return Math.round(Double.parseDouble(text) * 1000);
        Matcher part = DURATION_PART.matcher(text);
        double total = 0;
        int at = 0;
        while (part.find() && part.start() == at) {
            double amount = Double.parseDouble(part.group(1));
            total += amount * switch (part.group(2)) {
                case "h" -> 3_600_000d;
                case "m" -> 60_000d;
                case "s" -> 1_000d;
                case "ms" -> 1d;
                case "us", "µs" -> 1e-3;
                default -> 1e-6;
            };
            at = part.end();
        }
        return at == text.length() && at > 0 ? Math.round(total) : null;
    }

    /** A header's text, one line, bounded; null when blank. */
    private static String text(String value) {
        if (value == null || value.isBlank()) return null;
        String line = value.strip().replaceAll("\\p{Cntrl}", " ");
        return line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) : line;
    }
}
