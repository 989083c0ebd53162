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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ThrottleCause;
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
        responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK);
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
    void resetTimesAndSpilloverAreRecordedAndALoweredLimitIsACapacityCut() {
        stubFor(post(anyUrl()).inScenario("cut").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(AZURE_COMPLETION)
                        .withHeader("x-ratelimit-limit-tokens", "100000")
                        .withHeader("x-ratelimit-remaining-tokens", "99000")
                        .withHeader("x-ratelimit-reset-tokens", "6m0s")
                        .withHeader("x-ratelimit-reset-requests", "12ms")
                        .withHeader("x-ms-spillover-from-deployment", "gpt-4o-ptu"))
                .willSetStateTo("cut"));
        stubFor(post(anyUrl()).inScenario("cut").whenScenarioStateIs("cut")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("retry-after", "6")
                        .withHeader("x-ratelimit-limit-tokens", "40000")
                        .withHeader("x-ratelimit-remaining-tokens", "0")
                        .withHeader("x-ratelimit-reset-tokens", "6")
                        .withHeader("x-ms-spillover-error", "429")
                        .withBody("{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create "
                                + "Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit "
                                + "of your current OpenAI S0 pricing tier. Please retry after 6 seconds.\"}}")));
        Outcome first = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
        assertEquals(360_000L, first.rateLimits().resetTokensMs());
        assertEquals(12L, first.rateLimits().resetRequestsMs());
        assertEquals("gpt-4o-ptu", first.rateLimits().spilloverFrom());
        Outcome.Failure cut = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
        assertEquals(ThrottleCause.CAPACITY, cut.throttle(), "the limit fell from 100000 to 40000");
        assertEquals(6_000L, cut.rateLimits().resetTokensMs(), "Azure's whole seconds");
        assertEquals("429", cut.rateLimits().spilloverError());
        assertEquals(ThrottleCause.CAPACITY, cut.withAttempts(new Attempts(1, 0, 1, 0)).throttle(), "kept");
    }

    @Test
    void noHeadersIsNone() {
        stubFor(post(anyUrl()).willReturn(okJson(AZURE_COMPLETION)));
        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
        assertSame(RateLimitHeaders.NONE, outcome.rateLimits());
        assertTrue(outcome.rateLimits().isEmpty());
    }

    @Test
    void theOldConstructorsMeanNoHeaders() {
        Timing timing = new Timing(1, 2, 3, 4);
        assertSame(RateLimitHeaders.NONE, new Outcome.Success(new Outcome.Exchange(timing, 200, null), new Answer("",
                "stop", null, null)).rateLimits());
        assertSame(RateLimitHeaders.NONE, new Outcome.Failure(new Outcome.Exchange(timing, 500, null, null, null),
                Attempts.FIRST, ErrorKind.SERVER_ERROR, null, "x", null, null).rateLimits());
    }
}
