package dev.promptbench.results.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Header values as the service spells them, read into figures (the client's answers are in client/). */
class RateLimitHeadersTest {

    @Test
    void resetDurationsInEveryShape() {
        assertEquals(90_000L, RateLimitHeaders.millis("1m30s"));
        assertEquals(20_500L, RateLimitHeaders.millis("20.5s"));
        assertEquals(7_200_000L, RateLimitHeaders.millis("2h"));
        assertEquals(0L, RateLimitHeaders.millis("400us"), "rounded to the millisecond");
        assertNull(RateLimitHeaders.millis("-1"));
        assertNull(RateLimitHeaders.millis("soon"));
        assertNull(RateLimitHeaders.millis("5s later"));
    }

    @Test
    void oddValuesAreIgnoredOrCapped() {
        RateLimitHeaders headers = RateLimitHeaders.of(" 12 ", "-1", "1e3", "99999999999999999999999");
        assertEquals(12, headers.remainingRequests());
        assertNull(headers.remainingTokens(), "negative");
        assertNull(headers.limitRequests(), "not a whole number");
        assertEquals(Integer.MAX_VALUE, headers.limitTokens(), "too large for an int: capped");
        assertSame(RateLimitHeaders.NONE, RateLimitHeaders.of(null, "", "x", null));
    }
}
