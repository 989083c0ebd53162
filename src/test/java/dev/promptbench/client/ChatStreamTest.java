package dev.promptbench.client;

import static dev.promptbench.client.StreamFixtures.content;
import static dev.promptbench.client.StreamFixtures.finishWithUsage;
import static dev.promptbench.client.StreamFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.Usage;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stream assembler on recorded SSE bodies, with a pinned clock, so timing is exact. */
class ChatStreamTest {

    private static final long MS = 1_000_000L;

    @Test
    void azureShapeTimesOnlyTheEventsThatCarryContent() throws IOException {
        // Two content events; the filter event, the role-only delta and the usage event read no clock.
        Answer done = complete(parse(StreamFixtures.AZURE, 100 * MS, 130 * MS));

        assertEquals("2 and 3.", done.text());
        assertEquals("stop", done.finishReason());
        assertEquals(new Usage(21, 4), done.usage());
        assertEquals("gpt-4o-mini-2024-07-18", done.model(), "the filter event's empty model is not kept");
        assertEquals(new StreamMetrics(100 * MS, 130 * MS, 2, 30 * MS, 30 * MS, 4, false), done.stream());
        assertEquals(10.0 * MS, done.stream().tpotNanos(), "30 ms over 3 token gaps");
    }

    @Test
    void theServedTierIsKeptWhenTheStreamSendsNoUsage() throws IOException {
        // Without stream_options.include_usage there is no usage chunk; every chunk still names the tier
        // (openai-python types/chat/chat_completion_chunk.py: service_tier on ChatCompletionChunk).
        String body = "data: {\"object\":\"chat.completion.chunk\",\"service_tier\":\"flex\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"object\":\"chat.completion.chunk\",\"service_tier\":\"flex\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

        Answer done = complete(parse(body, 3 * MS));

        assertNull(done.usage(), "no counts were sent");
        assertEquals(ServiceTier.FLEX, done.servedTier());
    }

    @Test
    void aRefusalIsVisibleOutputKeptApartFromTheAnswer() throws IOException {
        // Refusal deltas (openai-python types/chat/chat_completion_chunk.py: ChoiceDelta.refusal) are what the
        // model shows instead of content: the first of them is the first token.
        String body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\" help.\"},\"finish_reason\":null}]}\n\n"
                + finishWithUsage(4);

        Answer done = complete(parse(body, 10 * MS, 20 * MS));

        assertEquals("", done.text(), "a refusal is not an answer");
        assertEquals("I can't help.", done.refusal());
        assertEquals(10 * MS, done.stream().firstContentNanos());
        assertEquals(2, done.stream().chunks());
    }

    @Test
    void anAnswerWithoutRefusalHasNone() throws IOException {
        assertNull(complete(parse(StreamFixtures.OPENAI, 7 * MS, 19 * MS)).refusal());
    }

    @Test
    void openAiShapeWithAnEmptyFinishDelta() throws IOException {
        Answer done = complete(parse(StreamFixtures.OPENAI, 7 * MS, 19 * MS));

        assertEquals("Two primes: 2, 3.", done.text());
        assertEquals("stop", done.finishReason());
        assertEquals(new Usage(12, 7), done.usage());
        assertEquals("gpt-4o-mini", done.model());
        assertEquals(2, done.stream().chunks());
        assertEquals(7, done.stream().completionTokens());
        assertEquals(2.0 * MS, done.stream().tpotNanos());
    }

    @Test
    void multiTokenChunksAreTimedPerTokenFromUsage() throws IOException {
        // 3 events carry 12 tokens: per-event timing would say 50 ms per token, per-token says 100/11.
        String body = content("Four tokens here") + content("and four more") + content("and the last four")
                + finishWithUsage(12);

        StreamMetrics metrics = complete(parse(body, 1_000 * MS, 1_040 * MS, 1_100 * MS)).stream();

        assertEquals(3, metrics.chunks());
        assertEquals(12, metrics.completionTokens());
        assertFalse(metrics.tokensEstimated());
        assertEquals(100.0 * MS / 11, metrics.tpotNanos(), 1e-6);
        assertEquals(110.0, metrics.decodeTokensPerS(), 1e-9, "11 tokens after the first in 100 ms");
        assertEquals(40 * MS, metrics.chunkGapP50Nanos(), "the lower of the two gaps (40, 60)");
        assertEquals(60 * MS, metrics.chunkGapMaxNanos());
    }

    @Test
    void reasoningTokensAreLeftOutOfThePaceOfTheVisibleTokens() throws IOException {
        // 11 completion tokens of which 8 were reasoning: 3 visible tokens over 40 ms is 20 ms a token,
        // where dividing by all 11 would claim 4 ms.
        String body = content("One") + content(" two") + "data: {\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"stop\"}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":1500,"
                + "\"completion_tokens\":11,\"prompt_tokens_details\":{\"cached_tokens\":1024},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":8}}}\n\ndata: [DONE]\n\n";

        Answer done = complete(parse(body, 500 * MS, 540 * MS));

        assertEquals(new Usage(1500, 11, 8, 1024), done.usage());
        assertEquals(3, done.stream().completionTokens());
        assertEquals(20.0 * MS, done.stream().tpotNanos(), 1e-6);
    }

    @Test
    void withoutUsageTheTokensAreEstimatedAndFlagged() throws IOException {
        String body = content("The answer") + content(" is 42.") + "data: {\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\ndata: [DONE]\n\n";

        Answer done = complete(parse(body, 0, 5 * MS));

        assertEquals("The answer is 42.", done.text());
        assertNull(done.usage());
        assertTrue(done.stream().tokensEstimated());
        assertEquals(5, done.stream().completionTokens(), "17 characters at 4 per token, rounded up");
    }

    @Test
    void keepAliveCommentsAndOtherFieldsAreSkipped() throws IOException {
        String body = ": keep-alive\n\n"
                + "event: message\r\nid: 1\r\nretry: 1000\r\n" + content("Hi").replace("\n", "\r\n")
                + ":ping\n\n"
                + content("!") + finishWithUsage(2);

        Answer done = complete(parse(body, 10, 20));

        assertEquals("Hi!", done.text());
        assertEquals(2, done.stream().chunks());
    }

    @Test
    void annotationOnlyChunksWithoutDeltaAreNotContent() throws IOException {
        String annotation = "data: {\"choices\":[{\"index\":0,\"finish_reason\":null,\"content_filter_results\":"
                + "{\"protected_material_text\":{\"filtered\":false,\"detected\":false}},"
                + "\"content_filter_offsets\":{\"check_offset\":0,\"start_offset\":0,\"end_offset\":5}}]}\n\n";
        String body = content("Hello") + annotation + content(" world") + annotation + finishWithUsage(2);

        Answer done = complete(parse(body, 1, 2));

        assertEquals("Hello world", done.text());
        assertEquals(2, done.stream().chunks());
    }

    @Test
    void multiLineDataIsJoinedIntoOneEvent() throws IOException {
        String body = "data: {\"choices\":[{\"index\":0,\n"
                + "data: \"delta\":{\"content\":\"split\"}}]}\n\n" + finishWithUsage(1);

        assertEquals("split", complete(parse(body, 1)).text());
    }

    @Test
    void onlyTheFirstChoiceIsAssembled() throws IOException {
        String body = "data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"}},"
                + "{\"index\":0,\"delta\":{\"content\":\"first\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\" only\"}}]}\n\n" + finishWithUsage(1);

        Answer done = complete(parse(body, 1));

        assertEquals("first", done.text());
        assertEquals(1, done.stream().chunks());
    }

    @Test
    void toolCallDeltasAreContentButNotAnswer() throws IOException {
        String body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"add\",\"arguments\":\"\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"{\\\"a\\\":2,\\\"b\\\":3}\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
                + "data: [DONE]\n\n";

        Answer done = complete(parse(body, 3 * MS, 4 * MS));

        assertEquals("", done.text());
        assertEquals("tool_calls", done.finishReason());
        assertEquals(3 * MS, done.stream().firstContentNanos(), "the first tool call is the first token");
        assertEquals(2, done.stream().chunks());
        assertEquals(4, done.stream().completionTokens(), "\"add\" + 13 argument characters, estimated");
    }

    @Test
    void aFilteredCompletionIsCompleteWithItsFinishReason() throws IOException {
        String body = content("Once upon")
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\","
                + "\"content_filter_results\":{\"violence\":{\"filtered\":true,\"severity\":\"high\"}}}]}\n\n"
                + "data: [DONE]\n\n";

        Answer done = complete(parse(body, 1));

        assertEquals("Once upon", done.text());
        assertEquals("content_filter", done.finishReason());
    }

    @Test
    void aStreamWithoutContentHasNoContentInstants() throws IOException {
        String body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
                + finishWithUsage(0);

        StreamMetrics metrics = complete(parse(body)).stream();

        assertEquals(0, metrics.chunks());
        assertEquals(Timing.UNSET, metrics.firstContentNanos());
        assertEquals(Timing.UNSET, metrics.lastContentNanos());
        assertEquals(0, metrics.completionTokens());
        assertFalse(metrics.tokensEstimated());
    }

    @Test
    void aStreamCutBeforeDoneIsIncompleteAndKeepsNoAnswer() throws IOException {
        StreamResult.Failed failed = failed(parse(content("2 and") + content(" 3."), 1, 2));

        assertEquals(ErrorKind.STREAM_INCOMPLETE, failed.kind());
        assertEquals("stream ended before [DONE] or a finish reason after 2 content events", failed.detail());
    }

    @Test
    void aStreamCutInsideAnEventIsIncomplete() throws IOException {
        StreamResult.Failed failed = failed(parse(content("2 and") + "data: {\"choices\":[{\"ind", 1));

        assertEquals(ErrorKind.STREAM_INCOMPLETE, failed.kind());
    }

    @Test
    void aFinalDoneWithoutItsBlankLineCompletes() throws IOException {
        String body = content("ok") + "data: [DONE]";

        assertEquals("ok", complete(parse(body, 1)).text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"error":{"code":"server_error","message":"The server had an error while processing your request."}} | SERVER_ERROR   | server_error
            {"error":{"message":"overloaded","type":"server_error"}}                                              | SERVER_ERROR   | server_error
            {"error":{"code":"content_filter","message":"The response was filtered"}}                            | CONTENT_FILTER | content_filter
            {"error":{"code":"x","innererror":{"code":"ResponsibleAIPolicyViolation"}}}                         | CONTENT_FILTER | x
            {"error":{"code":"429","message":"Rate limit"}}                                                       | RATE_LIMITED   | 429
            {"error":{"code":"rate_limit_exceeded","message":"slow down"}}                                        | RATE_LIMITED   | rate_limit_exceeded
            {"error":{"code":"500","message":"Internal"}}                                                         | SERVER_ERROR   | 500
            {"error":"upstream died"}                                                                            | SERVER_ERROR   |
            """)
    void anErrorEventMidStreamIsAFailureOfItsKind(String event, ErrorKind kind, String code) throws IOException {
        String body = StreamFixtures.AZURE.substring(0, StreamFixtures.AZURE.indexOf("data: {\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\" 3.\"")) + "data: " + event + "\n\n" + "data: [DONE]\n\n";

        StreamResult.Failed failed = failed(parse(body, 1));

        assertEquals(kind, failed.kind());
        assertEquals(code, failed.code());
        assertTrue(failed.detail().startsWith("error event after 1 content events: "), failed.detail());
    }

    @Test
    void anEventThatIsNotJsonIsMalformed() throws IOException {
        StreamResult.Failed failed = failed(parse(content("ok") + "data: <html>\n\n" + "data: [DONE]\n\n", 1));

        assertEquals(ErrorKind.MALFORMED, failed.kind());
        assertTrue(failed.detail().startsWith("stream event 2 is not a chat completion chunk"), failed.detail());
    }

    @Test
    void doneWithoutAnyChoiceIsMalformed() throws IOException {
        String filterOnly = StreamFixtures.AZURE.substring(0, StreamFixtures.AZURE.indexOf("\n\n") + 2);

        StreamResult.Failed failed = failed(parse(filterOnly + "data: [DONE]\n\n"));

        assertEquals(ErrorKind.MALFORMED, failed.kind());
    }

    @Test
    void aCloseAfterTheFinishReasonCompletesWithoutDone() throws IOException {
        String body = content("2 and") + content(" 3.")
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";

        Answer done = complete(parse(body, 1, 2));

        assertEquals("2 and 3.", done.text());
        assertEquals("stop", done.finishReason());
        assertNull(done.usage());
    }

    @Test
    void anEventThatIsAWholeCompletionIsMalformed() throws IOException {
        String body = content("2") + "data: {\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"content\":\"2 and 3.\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

        StreamResult.Failed failed = failed(parse(body, 1));

        assertEquals(ErrorKind.MALFORMED, failed.kind());
        assertEquals("stream event 2 is not a chat completion chunk: \"object\" is \"chat.completion\"",
                failed.detail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"prompt_tokens":5,"completion_tokens":-2}   | usage.completion_tokens is negative (-2)
            {"prompt_tokens":5,"completion_tokens":2.5}  | usage.completion_tokens is not an integer (2.5)
            """)
    void tokenCountsThatAreNotCountsMakeTheStreamMalformed(String usage, String problem) throws IOException {
        String body = content("ok") + "data: {\"choices\":[],\"usage\":" + usage + "}\n\ndata: [DONE]\n\n";

        StreamResult.Failed failed = failed(parse(body, 1));

        assertEquals(ErrorKind.MALFORMED, failed.kind());
        assertEquals("stream event 2 is not a chat completion chunk: " + problem, failed.detail());
    }

    @Test
    void aPartialUsageIsNoUsageButItsCompletionCountStillTimesTokens() throws IOException {
        String body = content("2 and") + content(" 3.") + "data: {\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"completion_tokens\":4}}\n\ndata: [DONE]\n\n";

        Answer done = complete(parse(body, 1, 2));

        assertNull(done.usage(), "no prompt count: unknown, not 0");
        assertEquals(4, done.stream().completionTokens());
        assertFalse(done.stream().tokensEstimated());
    }

    private static Answer complete(StreamResult result) {
        return assertInstanceOf(Answer.class, result, result::toString);
    }

    private static StreamResult.Failed failed(StreamResult result) {
        return assertInstanceOf(StreamResult.Failed.class, result, result::toString);
    }
}
