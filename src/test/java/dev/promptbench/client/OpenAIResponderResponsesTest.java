package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static dev.promptbench.client.ResponseFixtures.USAGE;
import static dev.promptbench.client.ResponseFixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Responses API over real HTTP: the route, the body, and how strictly an answer is taken. */
@WireMockTest
class OpenAIResponderResponsesTest {

    private static final String MESSAGE = "[{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
            + "[{\"type\":\"output_text\",\"text\":\"2 and\"}]}]";

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
    void theTierThatServedAResponseIsReadFromItsServiceTier() {
        stubFor(post(anyUrl()).willReturn(okJson(ResponseFixtures.response("completed", "\"service_tier\":\"flex\"",
                "[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                        + "\"text\":\"ok\"}]}]", ResponseFixtures.USAGE))));

        Outcome.Success ok = assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(), azure()));

        assertEquals(new Usage(21, 68, 64, 0), ok.answer().usage());
        assertEquals(ServiceTier.FLEX, ok.answer().servedTier(), "the tier is the answer's, apart from its counts");
    }

    @Test
    void aRefusalPartIsKeptApartFromTheAnswer() {
        stubFor(post(anyUrl()).willReturn(okJson(ResponseFixtures.response("completed", null,
                "[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\","
                        + "\"refusal\":\"I can't help.\"}]}]", ResponseFixtures.USAGE))));

        Outcome.Success ok = assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(), azure()));

        assertEquals("", ok.answer().text());
        assertEquals("I can't help.", ok.answer().refusal());
    }

    @Test
    void azureDeploymentRouteSendsToV1ResponsesWithTheDeploymentAsModel() {
        stubFor(post(anyUrl()).willReturn(okJson(ResponseFixtures.COMPLETED).withHeader("apim-request-id", "r-1")));

        Outcome.Success ok = assertInstanceOf(Outcome.Success.class,
                responder.call(ClientFixtures.request(), azure()));

        verify(postRequestedFor(urlEqualTo("/openai/v1/responses"))
                .withHeader("api-key", equalTo(ClientFixtures.KEY))
                .withRequestBody(equalToJson("{\"model\":\"dep\",\"input\":\"Name two primes.\",\"store\":false}")));
        assertEquals("2 and 3.", ok.answer().text());
        assertEquals("stop", ok.answer().finishReason());
        assertEquals(new Usage(21, 68, 64, 0), ok.answer().usage());
        assertEquals("o4-mini-2025-04-16", ok.answer().model());
        assertEquals("r-1", ok.requestId());
        assertNull(ok.answer().stream());
    }

    @Test
    void openAiSendsToItsV1Responses() {
        stubFor(post(anyUrl()).willReturn(okJson(ResponseFixtures.COMPLETED)));

        assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(),
                ClientFixtures.openai(base).withApi(Api.RESPONSES)));

        verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(equalToJson("{\"model\":\"gpt-4o-mini\",\"input\":\"Name two primes.\",\"store\":false}")));
    }

    @Test
    void incompleteForTheTokenLimitIsALengthAnswer() {
        stubFor(post(anyUrl()).willReturn(okJson(response("incomplete",
                "\"incomplete_details\":{\"reason\":\"max_output_tokens\"}", MESSAGE, USAGE))));

        Outcome.Success ok = assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(), azure()));

        assertEquals("length", ok.answer().finishReason());
        assertEquals("2 and", ok.answer().text());
    }

    @Test
    void incompleteForTheContentFilterIsFiltered() {
        stubFor(post(anyUrl()).willReturn(okJson(response("incomplete",
                "\"incomplete_details\":{\"reason\":\"content_filter\"}", MESSAGE, USAGE))));

        Outcome.Success ok = assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(), azure()));

        assertTrue(ok.filtered());
    }

    @Test
    void aFailedResponseIsAnErrorWithItsCodeAndMessage() {
        stubFor(post(anyUrl()).willReturn(okJson(response("failed",
                "\"error\":{\"code\":\"server_error\",\"message\":\"The model crashed.\"}", "[]", "null"))));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), azure()));

        assertEquals(ErrorKind.SERVER_ERROR, failure.kind());
        assertEquals("server_error", failure.code());
        assertEquals("response failed: server_error: The model crashed.", failure.message());
        assertEquals(200, failure.httpStatus());
    }

    @Test
    void aResponseStillInProgressIsBroken() {
        stubFor(post(anyUrl()).willReturn(okJson(response("in_progress", null, "[]", "null"))));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), azure()));

        assertEquals(ErrorKind.MALFORMED, failure.kind());
        assertEquals("HTTP 200 body is not a response: not a complete response: status is \"in_progress\", not"
                + " completed, incomplete or failed", failure.message());
    }

    @Test
    void aCompletedResponseWithoutUsageOrOutputIsBroken() {
        stubFor(post(anyUrl()).willReturn(okJson(response("completed", null, MESSAGE, "null"))));
        Outcome.Failure noUsage = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), azure()));
        assertEquals(ErrorKind.MALFORMED, noUsage.kind());
        assertTrue(noUsage.message().endsWith("no usage"), noUsage.message());

        stubFor(post(anyUrl()).willReturn(okJson(response("completed", null, "[]", USAGE))));
        Outcome.Failure noOutput = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), azure()));
        assertEquals(ErrorKind.MALFORMED, noOutput.kind());
    }

    @Test
    void aChatCompletionIsNotAResponse() {
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION)));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), azure()));

        assertEquals(ErrorKind.MALFORMED, failure.kind());
    }

    @Test
    void aStreamedResponseIsAssembledWithReasoningTimedApart() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(ResponseFixtures.STREAM).withChunkedDribbleDelay(8, 80)));

        Outcome.Success ok = assertInstanceOf(Outcome.Success.class,
                responder.call(ClientFixtures.streamRequest(), azure()));

        verify(postRequestedFor(urlEqualTo("/openai/v1/responses"))
                .withRequestBody(equalToJson("{\"model\":\"dep\",\"input\":\"Name two primes.\",\"stream\":true,"
                        + "\"store\":false}")));
        assertEquals("2 and 3.", ok.answer().text());
        assertEquals(new Usage(21, 68, 64, 0), ok.answer().usage());
        StreamMetrics stream = ok.answer().stream();
        assertTrue(stream.sawReasoning());
        assertTrue(stream.firstReasoningNanos() <= stream.firstContentNanos(), "reasoning came first");
        assertTrue(stream.firstReasoningNanos() >= ok.timing().sentNanos());
        assertEquals(2, stream.chunks());
    }

    @Test
    void aStreamCutBeforeItsTerminalEventIsIncomplete() {
        String cut = ResponseFixtures.STREAM.substring(0, ResponseFixtures.STREAM.indexOf("event: response.completed"));
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(cut)));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.streamRequest(), azure()));

        assertEquals(ErrorKind.STREAM_INCOMPLETE, failure.kind());
    }

    private Endpoint azure() {
        return ClientFixtures.azure(base).withApi(Api.RESPONSES);
    }
}
