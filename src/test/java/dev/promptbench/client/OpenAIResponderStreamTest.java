package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static dev.promptbench.client.ClientFixtures.AZURE_PATH;
import static dev.promptbench.client.ClientFixtures.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.Usage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streamed (SSE) answers over real HTTP, dribbled in chunks that cut lines and events apart. */
@WireMockTest
class OpenAIResponderStreamTest {

    private static final String MESSAGES = "{\"messages\":[{\"role\":\"user\",\"content\":\"Name two primes.\"}]";

    private OpenAIResponder responder;
    private String base;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK);
        base = wm.getHttpBaseUrl();
        stubFor(post(anyUrl()).willReturn(sse(StreamFixtures.AZURE)));
    }

    @AfterEach
    void tearDown() {
        responder.close();
    }

    @Test
    void aDribbledStreamIsAssembledAndTimed() {
        stubFor(post(anyUrl()).willReturn(sse(StreamFixtures.AZURE).withChunkedDribbleDelay(12, 240)
                .withHeader("apim-request-id", "apim-7")));

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, callAzure());

        assertEquals("2 and 3.", success.answer().text());
        assertEquals("stop", success.answer().finishReason());
        assertEquals(new Usage(21, 4), success.answer().usage());
        assertEquals("gpt-4o-mini-2024-07-18", success.answer().model());
        assertEquals("apim-7", success.requestId());
        StreamMetrics stream = success.answer().stream();
        assertNotNull(stream);
        assertEquals(2, stream.chunks());
        assertEquals(4, stream.completionTokens());
        assertFalse(stream.tokensEstimated());
        Timing timing = success.timing();
        assertTrue(stream.firstContentNanos() >= timing.firstByteNanos(), "the filter event came first");
        assertTrue(stream.lastContentNanos() >= stream.firstContentNanos());
        assertTrue(stream.firstContentNanos() - timing.sentNanos() <= timing.latencyNanos(), "ttft <= latency");
        assertTrue(timing.endNanos() >= stream.lastContentNanos());
    }

    @Test
    void aStreamRequestAsksForEventsAndUsage() {
        responder.call(ClientFixtures.streamRequest(), ClientFixtures.azure(base));

        verify(postRequestedFor(urlEqualTo(AZURE_PATH)).withHeader("Accept", equalTo("text/event-stream, application/json")));
        assertEquals(MESSAGES + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}", onlyBody());
    }

    @Test
    void otherStreamOptionsFromTheFieldsAreKept() {
        responder.call(ClientFixtures.streamRequest(ClientFixtures.fields().put("temperature", 0)
                .set("stream_options", ClientFixtures.fields().put("include_usage", false)
                        .put("continuous_usage_stats", true))), ClientFixtures.openai(base));

        assertEquals(MESSAGES + ",\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true,\"continuous_usage_stats\":true},\"temperature\":0}",
                onlyBody());
    }

    @Test
    void aJsonAnswerToAStreamRequestIsACompletion() {
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION)));

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, callAzure());

        assertEquals("2 and 3.", success.answer().text());
        assertEquals(new Usage(21, 5, 0, 0), success.answer().usage());
        assertNull(success.answer().stream(), "not streamed");
    }

    @Test
    void anUntypedAnswerToAStreamRequestIsReadAsEvents() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody(StreamFixtures.OPENAI)));

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, callAzure());

        assertEquals("Two primes: 2, 3.", success.answer().text());
        assertEquals(2, success.answer().stream().chunks());
    }

    @Test
    void anErrorStatusToAStreamRequestIsClassifiedAsAlways() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "250")
                .withBody("{\"error\":{\"code\":\"429\",\"message\":\"Rate limit\"}}")));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, callAzure());

        assertEquals(ErrorKind.RATE_LIMITED, failure.kind());
        assertEquals(Duration.ofMillis(250), failure.retryAfter());
    }

    @Test
    void anHtmlAnswerToAStreamRequestIsMalformed() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>proxy</html>")));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, callAzure());

        assertEquals(ErrorKind.MALFORMED, failure.kind());
    }

    @Test
    void anErrorEventMidStreamIsAFailureWithStatus200() {
        stubFor(post(anyUrl()).willReturn(sse(StreamFixtures.content("2 and")
                + "data: {\"error\":{\"code\":\"server_error\",\"message\":\"The server had an error\"}}\n\n")
                .withChunkedDribbleDelay(3, 30)));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, callAzure());

        assertEquals(ErrorKind.SERVER_ERROR, failure.kind());
        assertEquals("server_error", failure.code());
        assertEquals(200, failure.httpStatus());
        assertEquals("error event after 1 content events: server_error: The server had an error", failure.message());
        assertNotNull(failure.connection());
    }

    @Test
    void aStreamCutBeforeDoneIsIncomplete() {
        stubFor(post(anyUrl()).willReturn(sse(StreamFixtures.content("2 and") + StreamFixtures.content(" 3."))));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, callAzure());

        assertEquals(ErrorKind.STREAM_INCOMPLETE, failure.kind());
        assertEquals("stream ended before [DONE] or a finish reason after 2 content events", failure.message());
        assertTrue(failure.kind().isTransient());
    }

    @Test
    void theKeyNeverAppearsInAStreamFailure() {
        stubFor(post(anyUrl()).willReturn(sse("data: {\"error\":{\"code\":\"" + KEY + "\",\"message\":\"Key " + KEY
                + " rejected\\nAuthorization: Bearer " + KEY + "\"}}\n\n")));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, callAzure());

        String text = failure.message() + " " + failure.code();
        assertFalse(text.contains("TESTKEY"), text);
        assertFalse(text.contains("\n"), text);
    }

    @Test
    void sequentialStreamsShareOneConnection() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Outcome.Success.class, callAzure());
        }

        assertEquals(1, responder.connectionPool().connectionCount());
        assertTrue(findAll(postRequestedFor(anyUrl())).size() == 3);
    }

    @Test
    void theIdleTimeoutDoesNotOutliveTheStreamOnItsPooledConnection() {
        try (OpenAIResponder impatient = new OpenAIResponder(
                ClientFixtures.settings().withStreamIdleTimeout(Duration.ofMillis(200)), Ticker.system(), Clock.systemUTC())) {
            assertInstanceOf(Outcome.Success.class,
                    impatient.call(ClientFixtures.streamRequest(), ClientFixtures.azure(base)));
            stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION).withFixedDelay(1_000)));

            Outcome slowAnswer = impatient.call(ClientFixtures.request(), ClientFixtures.azure(base));

            assertInstanceOf(Outcome.Success.class, slowAnswer, slowAnswer::toString);
            assertTrue(slowAnswer.connection().reused(), "the connection the stream used");
        }
    }

    private Outcome callAzure() {
        return responder.call(ClientFixtures.streamRequest(), ClientFixtures.azure(base));
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withHeader("Cache-Control", "no-cache").withBody(body);
    }

    private static String onlyBody() {
        List<LoggedRequest> requests = findAll(postRequestedFor(anyUrl()));
        assertEquals(1, requests.size());
        return requests.get(0).getBodyAsString();
    }
}
