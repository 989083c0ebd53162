package dev.promptbench.control;

import dev.promptbench.clock.Sleeper;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.OpenAIResponder;
import dev.promptbench.client.Outcome;
import dev.promptbench.clock.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The retry decorator over the real HTTP client and a WireMock server, sleeping for real. */
@WireMockTest
class RetryingResponderWireMockTest {

    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"2 and 3."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}
            """;
    private static final String RATE_LIMITED = """
            {"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation have exceeded the rate limit."}}
            """;
    /** Small delays keep the suite fast; the 429 waits come from the server and are real. */
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofSeconds(30), true, Duration.ofMillis(10),
            Duration.ofMillis(100));

    private OpenAIResponder http;
    private CooldownGate cooldown;
    private RetryingResponder responder;
    private Endpoint endpoint;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        http = new OpenAIResponder(ClientSettings.defaults(4), Ticker.system(), Clock.systemUTC());
        Ticker ticker = Ticker.system();
        cooldown = new CooldownGate(ticker);
        responder = new RetryingResponder(http, POLICY, cooldown, Sleeper.system(), ticker, () -> 0.5);
        endpoint = ControlFixtures.azure(wm.getHttpBaseUrl(), "sk-RETRYKEY-0123456789");
    }

    @AfterEach
    void tearDown() {
        http.close();
    }

    @Test
    void twoRateLimitsAreWaitedOutAsAskedThenTheAnswerArrives() {
        script(tooMany(), tooMany(), okJson(COMPLETION));

        Outcome outcome = responder.call(ControlFixtures.request(), endpoint);

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals("2 and 3.", success.answer().text());
        assertEquals(3, success.attempts().count());
        assertEquals(2, success.attempts().rateLimited());
        assertTrue(success.attempts().waitNanos() >= Duration.ofMillis(300).toNanos(),
                "waited " + success.attempts().waitNanos() + " ns");
        assertEquals(2, cooldown.closures());
        List<Long> sent = findAll(postRequestedFor(anyUrl())).stream()
                .map(request -> request.getLoggedDate().getTime())
                .sorted()
                .toList();
        assertEquals(3, sent.size());
        // Lower bounds only: a slow machine may wait longer, never shorter than the service asked.
        assertTrue(sent.get(1) - sent.get(0) >= 150, "gap " + (sent.get(1) - sent.get(0)) + " ms");
        assertTrue(sent.get(2) - sent.get(1) >= 150, "gap " + (sent.get(2) - sent.get(1)) + " ms");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class,
            names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void aFaultIsRecoveredByOneRetry(Fault fault) {
        script(aResponse().withFault(fault), okJson(COMPLETION));

        Outcome outcome = responder.call(ControlFixtures.request(), endpoint);

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals(2, success.attempts().count());
        assertEquals(0, success.attempts().rateLimited());
        verify(2, postRequestedFor(anyUrl()));
    }

    @Test
    void aServerErrorIsRecoveredAndTheRetryCarriesItsAttemptNumber() {
        script(aResponse().withStatus(500).withBody("{\"error\":{\"code\":\"InternalServerError\"}}"),
                okJson(COMPLETION));

        Outcome outcome = responder.call(ControlFixtures.request(), endpoint);

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals(2, success.attempts().count());
        verify(2, postRequestedFor(anyUrl()));
        verify(1, postRequestedFor(anyUrl()).withoutHeader(OpenAIResponder.ATTEMPT_HEADER));
        verify(1, postRequestedFor(anyUrl()).withHeader("x-promptbench-attempt", equalTo("2")));
        assertEquals(0, cooldown.closures());
    }

    @Test
    void aContentFilterRejectionIsSentOnce() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"message":"The response was filtered","type":null,"param":"prompt",
                         "code":"content_filter","status":400,
                         "innererror":{"code":"ResponsibleAIPolicyViolation"}}}
                        """)));

        Outcome outcome = responder.call(ControlFixtures.request(), endpoint);

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(ErrorKind.CONTENT_FILTER, failure.kind());
        assertEquals(1, failure.attempts().count());
        verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void aWrongKeyIsSentOnce() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key.\"}}")));

        Outcome outcome = responder.call(ControlFixtures.request(), endpoint);

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(ErrorKind.UNAUTHORIZED, failure.kind());
        assertEquals(1, failure.attempts().count());
        verify(1, postRequestedFor(anyUrl()));
    }

    private static ResponseDefinitionBuilder tooMany() {
        return aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("retry-after-ms", "150")
                .withBody(RATE_LIMITED);
    }

    /** Answers the n-th request with the n-th response, then keeps answering with the last. */
    private static void script(ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? STARTED : "answer-" + i;
            var stub = post(anyUrl()).inScenario("retries").whenScenarioStateIs(state).willReturn(responses[i]);
            if (i + 1 < responses.length) {
                stub = stub.willSetStateTo("answer-" + (i + 1));
            }
            stubFor(stub);
        }
    }
}
