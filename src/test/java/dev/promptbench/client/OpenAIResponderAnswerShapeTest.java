package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A 200 answer counts as ok only when it has the API's shape; everything else is MALFORMED, never ok. */
@WireMockTest
class OpenAIResponderAnswerShapeTest {

    private static final String CHOICE = "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"2 and 3.\"},\"finish_reason\":\"stop\"}]";

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"2"},"finish_reason":null}]} | "object" is "chat.completion.chunk", not "chat.completion"
            {"object":"list","data":[]}                                                                                | "object" is "list", not "chat.completion"
            {"object":"chat.completion","choices":{"message":{"content":"x"}}}                                        | choices is not an array
            {"object":"chat.completion","choices":[{"finish_reason":"stop"}]}                                          | choices[0] has no message
            {"object":"chat.completion","choices":[{"message":{"role":"assistant"},"finish_reason":"stop"}]}           | choices[0].message has no content, tool calls or refusal
            {"object":"chat.completion","choices":[{"message":{"content":null,"tool_calls":[]}}]}                     | choices[0].message has no content, tool calls or refusal
            {"object":"chat.completion","choices":[{"message":{"content":{"text":"x"}}}]}                             | choices[0].message.content is not a string
            """)
    void aBodyWithoutTheShapeOfAChatCompletionIsMalformed(String body, String problem) {
        Outcome.Failure failure = failWith(body);

        assertEquals(ErrorKind.MALFORMED, failure.kind());
        assertEquals("malformed", failure.kind().wireName());
        assertEquals("HTTP 200 body is not a chat completion: " + problem, failure.message());
        assertTrue(failure.kind().isTransient(), "retried as before");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"prompt_tokens":-3,"completion_tokens":5}    | usage.prompt_tokens is negative (-3)
            {"prompt_tokens":3,"completion_tokens":-1}    | usage.completion_tokens is negative (-1)
            {"prompt_tokens":3,"completion_tokens":3.5}   | usage.completion_tokens is not an integer (3.5)
            {"prompt_tokens":"12","completion_tokens":5}  | usage.prompt_tokens is not an integer
            {"prompt_tokens":true,"completion_tokens":5}  | usage.prompt_tokens is not an integer
            {"prompt_tokens":3,"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":-1}} | usage.completion_tokens_details.reasoning_tokens is negative (-1)
            {"prompt_tokens":3,"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":6}}  | usage.completion_tokens_details.reasoning_tokens (6) exceeds usage.completion_tokens (5)
            {"prompt_tokens":3,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":4}}         | usage.prompt_tokens_details.cached_tokens (4) exceeds usage.prompt_tokens (3)
            """)
    void tokenCountsThatAreNotCountsAreMalformed(String usage, String problem) {
        Outcome.Failure failure = failWith("{\"object\":\"chat.completion\"," + CHOICE + ",\"usage\":" + usage + "}");

        assertEquals(ErrorKind.MALFORMED, failure.kind());
        assertEquals("HTTP 200 body is not a chat completion: " + problem, failure.message());
    }

    @Test
    void compatibleServersMayLeaveObjectOut() {
        // vLLM, Ollama and LiteLLM have all shipped versions without "object": absent (or empty) is tolerated.
        Outcome.Success success = succeedWith("{" + CHOICE + ",\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5}}");

        assertEquals("2 and 3.", success.answer().text());
        assertEquals(new Usage(4, 5), success.answer().usage());
        assertEquals("2 and 3.", succeedWith("{\"object\":\"\"," + CHOICE + "}").answer().text());
    }

    @Test
    void reasoningAndCachedTokensAreReadFromTheDetails() {
        Outcome.Success success = succeedWith("{\"object\":\"chat.completion\"," + CHOICE + ",\"usage\":"
                + "{\"prompt_tokens\":2048,\"completion_tokens\":300,\"total_tokens\":2348,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1920,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":256,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}");

        assertEquals(new Usage(2048, 300, 256, 1920), success.answer().usage());
        assertEquals(44, success.answer().usage().visibleTokens());
    }

    @Test
    void detailsNotSentAreUnknownNotZero() {
        Outcome.Success none = succeedWith("{" + CHOICE + ",\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5}}");
        Outcome.Success nulls = succeedWith("{" + CHOICE + ",\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5,"
                + "\"prompt_tokens_details\":null,\"completion_tokens_details\":{}}}");

        assertEquals(new Usage(4, 5, null, null), none.answer().usage());
        assertEquals(new Usage(4, 5, null, null), nulls.answer().usage());
        assertEquals(5, none.answer().usage().visibleTokens(),
                "reasoning unknown: every completion token counts as seen");
    }

    @Test
    void withoutUsageTheTokensAreUnknownNotZero() {
        assertNull(succeedWith("{\"object\":\"chat.completion\"," + CHOICE + "}").answer().usage());
        assertNull(succeedWith("{\"object\":\"chat.completion\"," + CHOICE + ",\"usage\":null}").answer().usage());
        assertNull(succeedWith("{\"object\":\"chat.completion\"," + CHOICE + ",\"usage\":{}}").answer().usage());
        assertNull(succeedWith("{\"object\":\"chat.completion\"," + CHOICE
                + ",\"usage\":{\"completion_tokens\":5}}").answer().usage(), "one count missing is not a 0");
    }

    @Test
    void toolCallsRefusalsAndFilteredAnswersAreAnswers() {
        Outcome.Success tools = succeedWith("{\"object\":\"chat.completion\",\"choices\":[{\"message\":{\"role\":"
                + "\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"add\",\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}");
        Outcome.Success refusal = succeedWith("{\"choices\":[{\"message\":{\"content\":null,\"refusal\":\"I can't\"},"
                + "\"finish_reason\":\"stop\"}]}");
        Outcome.Success filtered = succeedWith("{\"choices\":[{\"message\":{\"content\":null},"
                + "\"finish_reason\":\"content_filter\"}]}");
        Outcome.Success empty = succeedWith("{\"choices\":[{\"message\":{\"content\":\"\"},\"finish_reason\":\"length\"}]}");

        assertEquals("", tools.answer().text());
        assertEquals("tool_calls", tools.answer().finishReason());
        assertEquals("", refusal.answer().text());
        assertTrue(filtered.filtered());
        assertEquals("length", empty.answer().finishReason(), "a reasoning model that spent every token thinking");
    }

    @Test
    void anEventStreamAnswerToAPlainRequestIsReadAsAStream() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(StreamFixtures.OPENAI)));

        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));

        Outcome.Success success = assertInstanceOf(Outcome.Success.class, outcome, outcome::toString);
        assertEquals("Two primes: 2, 3.", success.answer().text());
        assertEquals(new Usage(12, 7), success.answer().usage());
        assertEquals(2, success.answer().stream().chunks());
    }

    private Outcome.Failure failWith(String body) {
        stubFor(post(anyUrl()).willReturn(okJson(body)));
        return assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
    }

    private Outcome.Success succeedWith(String body) {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body)));
        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
        return assertInstanceOf(Outcome.Success.class, outcome, outcome::toString);
    }
}
