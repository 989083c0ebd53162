package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static dev.promptbench.client.ClientFixtures.AZURE_COMPLETION;
import static dev.promptbench.client.ClientFixtures.AZURE_PATH;
import static dev.promptbench.client.ClientFixtures.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.Usage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request shapes per API style and parsing of successful answers, against a real HTTP server. */
@WireMockTest
class OpenAIResponderTest {

    private static final String MESSAGES = "{\"messages\":[{\"role\":\"user\",\"content\":\"Name two primes.\"}]";

    private OpenAIResponder responder;
    private String base;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK);
        base = wm.getHttpBaseUrl();
        stubFor(post(anyUrl()).willReturn(okJson(AZURE_COMPLETION)));
    }

    @AfterEach
    void tearDown() {
        responder.close();
    }

    @Test
    void azureClassicSendsApiKeyAndNoModel() {
        responder.call(ClientFixtures.request(50, ClientFixtures.fields().put("temperature", 0.2)),
                ClientFixtures.azure(base));

        verify(postRequestedFor(urlEqualTo(AZURE_PATH))
                .withHeader("api-key", equalTo(KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", matching("promptbench/\\S+"))
                .withoutHeader("Authorization"));
        assertEquals(MESSAGES + ",\"max_completion_tokens\":50,\"temperature\":0.2}", onlyBody());
    }

    @Test
    void azureV1SendsTheDeploymentAsModel() {
        responder.call(ClientFixtures.request(50, ClientFixtures.fields()), ClientFixtures.azureV1(base));

        verify(postRequestedFor(urlEqualTo("/openai/v1/chat/completions")).withHeader("api-key", equalTo(KEY)));
        assertEquals(MESSAGES + ",\"model\":\"dep\",\"max_completion_tokens\":50}", onlyBody());
    }

    @Test
    void openAiSendsBearerAndModelAndItsMaxTokensField() {
        responder.call(ClientFixtures.request(64, ClientFixtures.fields().put("seed", 7).put("top_p", 0.5)),
                ClientFixtures.openai(base));

        verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer k"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withoutHeader("api-key"));
        assertEquals(MESSAGES + ",\"model\":\"gpt-4o-mini\",\"max_tokens\":64,\"seed\":7,\"top_p\":0.5}", onlyBody());
    }

    @Test
    void sendsOnlyTheFieldsGiven() {
        responder.call(ClientFixtures.request(), ClientFixtures.azure(base));

        assertEquals(MESSAGES + "}", onlyBody());
    }

    @Test
    void maxTokensIsNotDuplicatedByASameNamedField() {
        responder.call(ClientFixtures.request(50, ClientFixtures.fields().put("max_completion_tokens", 999)
                .put("temperature", 0)), ClientFixtures.azure(base));

        assertEquals(MESSAGES + ",\"max_completion_tokens\":50,\"temperature\":0}", onlyBody());
    }

    @Test
    void aMaxTokensFieldPassesThroughWhenTheRequestHasNoLimit() {
        responder.call(ClientFixtures.request(null, ClientFixtures.fields().put("max_tokens", 7)),
                ClientFixtures.openai(base));

        assertEquals(MESSAGES + ",\"model\":\"gpt-4o-mini\",\"max_tokens\":7}", onlyBody());
    }

    @Test
    void parsesAnAzureAnswerWithFilterAnnotations() {
        stubFor(post(anyUrl()).willReturn(okJson(AZURE_COMPLETION).withHeader("apim-request-id", "apim-1")
                .withHeader("x-request-id", "x-1")));

        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals("2 and 3.", success.answer().text());
        assertEquals("stop", success.answer().finishReason());
        assertEquals(new Usage(21, 5, 0, 0),
                success.answer().usage()); // the fixture sends reasoning and cached tokens of 0: known zeros
        assertEquals("gpt-4o-mini-2024-07-18", success.answer().model());
        assertEquals("apim-1", success.requestId());
        assertEquals(200, success.httpStatus());
        assertFalse(success.filtered());
        assertEquals("http/1.1", responder.lastProtocol());
    }

    @Test
    void takesTheRequestIdFromXRequestIdWhenApimIsAbsent() {
        stubFor(post(anyUrl()).willReturn(okJson(AZURE_COMPLETION).withHeader("x-request-id", "req_abc")));

        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.openai(base));

        assertEquals("req_abc", outcome.requestId());
    }

    @Test
    void aContentFilterFinishIsAFilteredSuccess() {
        stubFor(post(anyUrl()).willReturn(okJson("""
                {"choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"content_filter",
                  "content_filter_results":{"violence":{"filtered":true,"severity":"high"}}}]}
                """)));

        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, outcome);
        assertTrue(success.filtered());
        assertEquals("", success.answer().text());
        assertNull(success.answer().usage(), "no usage sent, none reported");
        assertNull(success.answer().model());
        assertNull(success.requestId());
    }

    @Test
    void aRefusalIsKeptApartFromTheAnswer() {
        stubFor(post(anyUrl()).willReturn(okJson("""
                {"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":null,
                 "refusal":"I can't help with that."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":7}}
                """)));

        Outcome.Success success = assertInstanceOf(Outcome.Success.class,
                responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));

        assertEquals("", success.answer().text());
        assertEquals("I can't help with that.", success.answer().refusal());
    }

    @Test
    void theServedTierIsKeptWithoutUsage() {
        // A compatible server may leave usage out; the tier the answer names is still the answer's.
        stubFor(post(anyUrl()).willReturn(okJson("""
                {"object":"chat.completion","service_tier":"priority",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}
                """)));

        Outcome.Success success = assertInstanceOf(Outcome.Success.class,
                responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));

        assertNull(success.answer().usage());
        assertEquals(ServiceTier.PRIORITY, success.answer().servedTier());
    }

    @Test
    void timingIsOrderedAndComplete() {
        Timing timing = responder.call(ClientFixtures.request(), ClientFixtures.azure(base)).timing();

        assertNotEquals(Timing.UNSET, timing.sentNanos());
        assertTrue(timing.headersNanos() >= timing.sentNanos(), "headers after send");
        assertTrue(timing.firstByteNanos() >= timing.headersNanos(), "first byte after headers");
        assertTrue(timing.endNanos() >= timing.firstByteNanos(), "end after first byte");
        assertTrue(timing.latencyNanos() > 0);
    }

    @Test
    void reusesOneConnectionForSequentialCalls() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
        }

        assertEquals(1, responder.connectionPool().connectionCount());
    }

    private static String onlyBody() {
        List<LoggedRequest> requests = findAll(postRequestedFor(anyUrl()));
        assertEquals(1, requests.size());
        return requests.get(0).getBodyAsString();
    }
}
