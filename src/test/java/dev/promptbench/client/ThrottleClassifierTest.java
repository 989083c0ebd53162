package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ThrottleCause;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each cause of a 429, from the bodies and headers the services send (Azure's and OpenAI's shapes). */
class ThrottleClassifierTest {
    private static final String AZURE_TOKENS = "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the "
            + "ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate "
            + "limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: "
            + "https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.\"}}";
    private static final String AZURE_CALLS = AZURE_TOKENS.replace("token rate limit", "call rate limit")
            .replace("6 seconds", "1 second");
    private static final String AZURE_DAY = AZURE_TOKENS.replace("6 seconds", "86400 seconds");
    private static final String OPENAI_TOKENS = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in "
            + "organization org-abc on tokens per min (TPM): Limit 200000, Used 199500, Requested 1200. Please try "
            + "again in 210ms. Visit https://platform.openai.com/account/rate-limits to learn more.\","
            + "\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    private static final String OPENAI_REQUESTS = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in "
            + "organization org-abc on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in "
            + "20s.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    private static final String OPENAI_QUOTA = "{\"error\":{\"message\":\"You exceeded your current quota, please "
            + "check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
            + "\"code\":\"insufficient_quota\"}}";
    private static final String FLEX = "{\"error\":{\"message\":\"Resource Unavailable\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"resource_unavailable\"}}";
    private static final String APIM = "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 1 seconds.\"}";

    private final FailureClassifier classifier =
            new FailureClassifier(new JsonMapper().reader(), ClientFixtures.CLOCK, Duration.ofSeconds(2), ClientSettings.DEFAULT_CONNECT_TIMEOUT, Ticker.system());

    private ThrottleCause cause(String body, String retryAfter, RateLimitHeaders headers, RateLimitHeaders peak) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Outcome.Failure failure = classifier.httpFailure(429, null, new Timing(1, 2, 3, 4), bytes, bytes.length,
                "application/json", null, retryAfter, null, headers, peak);
        assertEquals(ErrorKind.RATE_LIMITED, failure.kind());
        return failure.throttle();
    }

    private ThrottleCause cause(String body, String retryAfter) {
        return cause(body, retryAfter, RateLimitHeaders.NONE, RateLimitHeaders.NONE);
    }

    @Test
    void azureTokenRate() {
        assertEquals(ThrottleCause.TOKEN_RATE, cause(AZURE_TOKENS, "6"));
    }

    @Test
    void azureCallRate() {
        assertEquals(ThrottleCause.REQUEST_RATE, cause(AZURE_CALLS, "1"));
    }

    @Test
    void openAiTokensAndRequests() {
        assertEquals(ThrottleCause.TOKEN_RATE, cause(OPENAI_TOKENS, null));
        assertEquals(ThrottleCause.REQUEST_RATE, cause(OPENAI_REQUESTS, "20"));
    }

    @Test
    void openAiInsufficientQuota() {
        assertEquals(ThrottleCause.QUOTA_EXHAUSTED, cause(OPENAI_QUOTA, null));
    }

    @Test
    void azureDayLongWaitIsAnExhaustedQuota() {
        assertEquals(ThrottleCause.QUOTA_EXHAUSTED, cause(AZURE_DAY, "86400"));
        assertEquals(ThrottleCause.QUOTA_EXHAUSTED, cause(AZURE_DAY, null), "the message alone says it");
    }

    @Test
    void aLoweredLimitIsACapacityCutWhateverTheMessage() {
        RateLimitHeaders peak = new RateLimitHeaders(null, null, 600, 100_000);
        RateLimitHeaders cut = new RateLimitHeaders(10, 0, 600, 40_000);
        assertEquals(ThrottleCause.CAPACITY, cause(AZURE_TOKENS, "6", cut, peak));
        assertEquals(ThrottleCause.TOKEN_RATE, cause(AZURE_TOKENS, "6", cut, RateLimitHeaders.NONE),
                "with nothing to compare, the message decides");
        assertEquals(ThrottleCause.TOKEN_RATE, cause(AZURE_TOKENS, "6", new RateLimitHeaders(10, 0, 600, 100_000),
                peak), "the same limit as before: our own rate");
    }

    @Test
    void flexResourceUnavailable() {
        assertEquals(ThrottleCause.FLEX_UNAVAILABLE, cause(FLEX, null));
    }

    @Test
    void theRemainingHeadersNameTheBucketWhenTheBodyDoesNot() {
        assertEquals(ThrottleCause.REQUEST_RATE, cause(APIM, "1", new RateLimitHeaders(0, 5000, null, null),
                RateLimitHeaders.NONE));
        assertEquals(ThrottleCause.TOKEN_RATE, cause(APIM, "1", new RateLimitHeaders(3, 0, null, null),
                RateLimitHeaders.NONE));
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals(ThrottleCause.UNKNOWN, cause(APIM, "1"));
        assertEquals(ThrottleCause.UNKNOWN, cause("", null));
    }

    @Test
    void onlyA429HasACause() {
        byte[] bytes = OPENAI_QUOTA.getBytes(StandardCharsets.UTF_8);
        Outcome.Failure failure = classifier.httpFailure(500, null, new Timing(1, 2, 3, 4), bytes, bytes.length,
                "application/json", null, null, null, RateLimitHeaders.NONE, RateLimitHeaders.NONE);
        assertNull(failure.throttle());
    }

    @Test
    void aStreamedRateLimitErrorIsClassifiedFromItsMessage() {
        Outcome.Failure failure = classifier.streamFailure(200, null, new Timing(1, 2, 3, 4), ErrorKind.RATE_LIMITED,
                "rate_limit_exceeded", "Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000", null);
        assertEquals(ThrottleCause.TOKEN_RATE, failure.throttle());
    }
}
