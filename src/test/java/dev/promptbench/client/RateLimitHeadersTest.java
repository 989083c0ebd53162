package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static dev.promptbench.client.ClientFixtures.AZURE_COMPLETION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The x-ratelimit-* headers reach every outcome, answers and refusals alike. */
@WireMockTest
class RateLimitHeadersTest {
    private OpenAIResponder responder;
    private String base;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        responder = new OpenAIResponder(ClientFixtures.settings(), ClientFixtures.CLOCK);
        base = wm.getHttpBaseUrl();
    }

    @AfterEach
    void tearDown() {
        responder.close();
    }

    @Test
    void aSuccessCarriesTheRemainingQuota() {
        stubFor(post(anyUrl()).willReturn(okJson(AZURE_COMPLETION)
                .withHeader("x-ratelimit-remaining-requests", "59")
                .withHeader("x-ratelimit-remaining-tokens", "9750")
                .withHeader("x-ratelimit-limit-requests", "60")
                .withHeader("x-ratelimit-limit-tokens", "10000")));
        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
        assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals(new RateLimitHeaders(59, 9750, 60, 10000), outcome.rateLimits());
    }

    @Test
    void a429CarriesThemToo() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("retry-after-ms", "250")
                .withHeader("x-ratelimit-remaining-tokens", "0")
                .withBody("{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded.\"}}")));
        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(ErrorKind.RATE_LIMITED, failure.kind());
        assertEquals(Duration.ofMillis(250), failure.retryAfter());
        assertEquals(0, failure.rateLimits().remainingTokens());
        assertNull(failure.rateLimits().remainingRequests());
        // Retries keep them.
        assertEquals(0, failure.withAttempts(new Attempts(2, 0, 2, 0)).rateLimits().remainingTokens());
    }

    @Test
    void noHeadersIsNone() {
        stubFor(post(anyUrl()).willReturn(okJson(AZURE_COMPLETION)));
        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
        assertSame(RateLimitHeaders.NONE, outcome.rateLimits());
        assertTrue(outcome.rateLimits().isEmpty());
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

    @Test
    void theOldConstructorsMeanNoHeaders() {
        Timing timing = new Timing(1, 2, 3, 4);
        assertSame(RateLimitHeaders.NONE, new Outcome.Success(timing, 200, null, "", "stop", null, null).rateLimits());
        assertSame(RateLimitHeaders.NONE, new Outcome.Failure(timing, 500, null, ErrorKind.SERVER_ERROR, null, "x",
                null, Attempts.FIRST, null).rateLimits());
    }
}
