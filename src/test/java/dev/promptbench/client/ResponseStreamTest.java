package dev.promptbench.client;

import static dev.promptbench.client.ResponseFixtures.USAGE;
import static dev.promptbench.client.ResponseFixtures.event;
import static dev.promptbench.client.ResponseFixtures.response;
import static dev.promptbench.client.ResponseFixtures.textDelta;
import static dev.promptbench.client.StreamFixtures.parseResponses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.Usage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The Responses API stream assembler on recorded event streams, with a pinned clock, so timing is exact. */
class ResponseStreamTest {

    private static final long MS = 1_000_000L;
    private static final String MESSAGE = "[{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
            + "[{\"type\":\"output_text\",\"text\":\"2 and\"}]}]";

    @Test
    void reasoningIsTimedApartAndTimeToFirstTokenIsTheFirstVisibleDelta() throws IOException {
        // The clock is read three times: the reasoning item, then each text delta.
        Answer done = assertInstanceOf(Answer.class,
                parseResponses(ResponseFixtures.STREAM, 40 * MS, 900 * MS, 930 * MS));

        assertEquals("2 and 3.", done.text());
        assertEquals("stop", done.finishReason());
        assertEquals(new Usage(21, 68, 64, 0), done.usage(), "usage comes from response.completed");
        assertEquals("o4-mini-2025-04-16", done.model());
        StreamMetrics metrics = done.stream();
        assertEquals(40 * MS, metrics.firstReasoningNanos());
        assertTrue(metrics.sawReasoning());
        assertEquals(900 * MS, metrics.firstContentNanos());
        assertEquals(930 * MS, metrics.lastContentNanos());
        assertEquals(2, metrics.chunks());
        assertFalse(metrics.tokensEstimated());
    }

    @Test
    void refusalDeltasAreVisibleOutputKeptApartFromTheAnswer() throws IOException {
        // openai-python types/responses/response_refusal_delta_event.py: type response.refusal.delta, delta text;
        // the message's content part is {"type":"refusal","refusal":...} (response_output_refusal.py).
        String refusal = "[{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"refusal\",\"refusal\":\"I can't help.\"}]}]";
        String body = event("response.refusal.delta", "\"item_id\":\"msg_1\",\"output_index\":0,"
                + "\"content_index\":0,\"delta\":\"I can't\"")
                + event("response.refusal.delta", "\"item_id\":\"msg_1\",\"output_index\":0,"
                + "\"content_index\":0,\"delta\":\" help.\"")
                + event("response.refusal.done", "\"item_id\":\"msg_1\",\"output_index\":0,"
                + "\"content_index\":0,\"refusal\":\"I can't help.\"")
                + event("response.completed", "\"response\":" + response("completed", null, refusal, USAGE));

        Answer done = assertInstanceOf(Answer.class, parseResponses(body, 7 * MS, 9 * MS));

        assertEquals("", done.text(), "a refusal is not an answer");
        assertEquals("I can't help.", done.refusal());
        assertEquals(7 * MS, done.stream().firstContentNanos(), "the refusal is what the model showed first");
    }

    @Test
    void aStreamWithoutReasoningHasNoReasoningInstant() throws IOException {
        String body = textDelta("Hi") + event("response.completed", "\"response\":"
                + response("completed", null, MESSAGE, USAGE));

        Answer done = assertInstanceOf(Answer.class, parseResponses(body, 5 * MS));

        assertFalse(done.stream().sawReasoning());
        assertEquals(5 * MS, done.stream().firstContentNanos());
    }

    @Test
    void functionCallArgumentsAreVisibleOutput() throws IOException {
        String body = event("response.output_item.added", "\"output_index\":0,\"item\":{\"type\":\"function_call\","
                + "\"name\":\"add\",\"arguments\":\"\"}")
                + event("response.function_call_arguments.delta", "\"item_id\":\"fc_1\",\"output_index\":0,\"delta\":\"{\\\"a\\\":\"")
                + event("response.function_call_arguments.delta", "\"item_id\":\"fc_1\",\"output_index\":0,\"delta\":\"2}\"")
                + event("response.completed", "\"response\":" + response("completed", null,
                "[{\"type\":\"function_call\",\"name\":\"add\",\"arguments\":\"{\\\"a\\\":2}\",\"call_id\":\"c1\"}]", USAGE));

        Answer done = assertInstanceOf(Answer.class,
                parseResponses(body, 10 * MS, 12 * MS));

        assertEquals("", done.text());
        assertEquals("tool_calls", done.finishReason());
        assertEquals(10 * MS, done.stream().firstContentNanos());
    }

    @Test
    void incompleteForItsTokenLimitIsALengthFinish() throws IOException {
        String body = textDelta("2 and") + event("response.incomplete", "\"response\":" + response("incomplete",
                "\"incomplete_details\":{\"reason\":\"max_output_tokens\"}", MESSAGE, USAGE));

        Answer done = assertInstanceOf(Answer.class, parseResponses(body, MS));

        assertEquals("length", done.finishReason());
        assertEquals("2 and", done.text());
    }

    @Test
    void incompleteForTheContentFilterIsFiltered() throws IOException {
        String body = textDelta("2 and") + event("response.incomplete", "\"response\":" + response("incomplete",
                "\"incomplete_details\":{\"reason\":\"content_filter\"}", MESSAGE, USAGE));

        Answer done = assertInstanceOf(Answer.class, parseResponses(body, MS));

        assertEquals("content_filter", done.finishReason());
    }

    @Test
    void aFailedResponseIsItsErrorWithCodeAndMessage() throws IOException {
        String body = textDelta("2") + event("response.failed", "\"response\":" + response("failed",
                "\"error\":{\"code\":\"server_error\",\"message\":\"The model crashed.\"}", "[]", "null"));

        StreamResult.Failed failed = assertInstanceOf(StreamResult.Failed.class, parseResponses(body, MS));

        assertEquals(ErrorKind.SERVER_ERROR, failed.kind());
        assertEquals("server_error", failed.code());
        assertEquals("response failed: server_error: The model crashed.", failed.detail());
    }

    @Test
    void aFailedResponseForARateLimitIsRateLimited() throws IOException {
        String body = event("response.failed", "\"response\":" + response("failed",
                "\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down.\"}", "[]", "null"));

        StreamResult.Failed failed = assertInstanceOf(StreamResult.Failed.class, parseResponses(body));

        assertEquals(ErrorKind.RATE_LIMITED, failed.kind());
    }

    @Test
    void anErrorEventFailsTheAnswer() throws IOException {
        String body = textDelta("2") + event("error", "\"code\":\"invalid_prompt\",\"message\":\"No.\",\"param\":null");

        StreamResult.Failed failed = assertInstanceOf(StreamResult.Failed.class, parseResponses(body, MS));

        assertEquals(ErrorKind.BAD_REQUEST, failed.kind());
        assertEquals("invalid_prompt", failed.code());
        assertEquals("error event after 1 content events: invalid_prompt: No.", failed.detail());
    }

    @Test
    void aStreamWithoutATerminalEventIsIncompleteHoweverMuchTextCame() throws IOException {
        String body = textDelta("2 and") + textDelta(" 3.") + "data: [DONE]\n\n";

        StreamResult.Failed failed = assertInstanceOf(StreamResult.Failed.class, parseResponses(body, MS, 2 * MS));

        assertEquals(ErrorKind.STREAM_INCOMPLETE, failed.kind());
        assertTrue(failed.detail().contains("without response.completed"), failed.detail());
    }

    @Test
    void aCompletedEventWithoutUsageIsMalformed() throws IOException {
        String body = textDelta("Hi") + event("response.completed", "\"response\":"
                + response("completed", null, MESSAGE, "null"));

        StreamResult.Failed failed = assertInstanceOf(StreamResult.Failed.class, parseResponses(body, MS));

        assertEquals(ErrorKind.MALFORMED, failed.kind());
        assertEquals("response.completed event is not a complete response: no usage", failed.detail());
    }

    @Test
    void anEventThatIsNotJsonIsMalformed() throws IOException {
        StreamResult.Failed failed = assertInstanceOf(StreamResult.Failed.class,
                parseResponses("data: {\"type\":\"response.output_text.delta\",\"delta\":\"x\"\n\n"));

        assertEquals(ErrorKind.MALFORMED, failed.kind());
    }

    @Test
    void usageWithReasoningAboveTheOutputIsMalformed() throws IOException {
        String usage = "{\"input_tokens\":3,\"output_tokens\":2,\"output_tokens_details\":{\"reasoning_tokens\":5}}";
        String body = textDelta("Hi") + event("response.completed", "\"response\":"
                + response("completed", null, MESSAGE, usage));

        StreamResult.Failed failed = assertInstanceOf(StreamResult.Failed.class, parseResponses(body, MS));

        assertEquals(ErrorKind.MALFORMED, failed.kind());
        assertTrue(failed.detail().endsWith("usage.output_tokens_details.reasoning_tokens (5) exceeds"
                + " usage.output_tokens (2)"), failed.detail());
    }
}
