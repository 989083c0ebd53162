package dev.promptbench.client;

import java.util.function.LongSupplier;
import okio.Buffer;

/** Recorded chat-completions streams (SSE bodies) and a parser over them with a pinned clock. */
final class StreamFixtures {

    /**
     * Azure's shape: the filter event with empty choices first, a role-only delta, content (the last
     * one with the finish reason), the usage event, then [DONE].
     */
    static final String AZURE = """
            data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

            data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"content_filter_results":{}}],"created":1764060001,"id":"chatcmpl-EX","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","system_fingerprint":"fp_x","usage":null}

            data: {"choices":[{"index":0,"delta":{"content":"2 and"},"finish_reason":null,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}],"created":1764060001,"id":"chatcmpl-EX","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","usage":null}

            data: {"choices":[{"index":0,"delta":{"content":" 3."},"finish_reason":"stop","content_filter_results":{}}],"created":1764060001,"id":"chatcmpl-EX","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","usage":null}

            data: {"choices":[],"created":1764060001,"id":"chatcmpl-EX","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","usage":{"prompt_tokens":21,"completion_tokens":4,"total_tokens":25}}

            data: [DONE]

            """;

    /** OpenAI's shape: role-only first chunk, content, an empty-delta finish chunk, usage, [DONE]. */
    static final String OPENAI = """
            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Two"},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":" primes: 2, 3."},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}

            data: [DONE]

            """;

    private static final WireCodec CODEC = new WireCodec();

    private StreamFixtures() {}

    /** One content event as a compatible server writes it. */
    static String content(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    /** The finish event (no text) and a usage event with {@code completionTokens}, then [DONE]. */
    static String finishWithUsage(int completionTokens) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":" + completionTokens
                + "}}\n\n"
                + "data: [DONE]\n\n";
    }

    /** A parser whose clock returns {@code instants} in order, and fails when asked once more. */
    static ChatStream parser(long... instants) {
        return new ChatStream(CODEC.chunks(), CODEC.trees(), clock(instants));
    }

    /** Parses {@code body} with the clock returning {@code instants}. */
    static StreamResult parse(String body, long... instants) throws java.io.IOException {
        return parser(instants).read(new Buffer().writeUtf8(body));
    }

    /** Parses a Responses API stream {@code body} with the clock returning {@code instants}. */
    static StreamResult parseResponses(String body, long... instants) throws java.io.IOException {
        return new ResponseStream(CODEC.responseEvents(), CODEC.trees(), clock(instants))
                .read(new Buffer().writeUtf8(body));
    }

    private static LongSupplier clock(long... instants) {
        int[] next = {0};
        return () -> {
            if (next[0] >= instants.length) {
                throw new AssertionError("the clock was read more often than there are content events");
            }
            return instants[next[0]++];
        };
    }
}
