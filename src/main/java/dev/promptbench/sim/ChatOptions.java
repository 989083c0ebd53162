package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a chat request asks of the answer's shape, beyond its text: how many choices, log probabilities,
 * a JSON answer, a tool call.
 *
 * @param n           choices to answer (1 to 128)
 * @param logprobs    true to give each output token's log probability
 * @param topLogprobs alternatives per token with {@code logprobs} (0 to 20)
 * @param format      the answer's format
 * @param toolCall    the function the answer must call, or null for a message
 */
record ChatOptions(int n, boolean logprobs, int topLogprobs, Format format, ToolCall toolCall) {

    /** One plain-text choice, as a request that asks for nothing else gets. */
    static final ChatOptions PLAIN = new ChatOptions(1, false, 0, Format.TEXT, null);

    /**
     * The {@code response_format} asked for.
     *
     * @param type   {@code text}, {@code json_object} or {@code json_schema}
     * @param schema the JSON schema of a {@code json_schema} answer, or null
     */
    record Format(String type, JsonNode schema) {
        static final Format TEXT = new Format("text", null);

        boolean json() {
            return !type.equals("text");
        }
    }

    /**
     * A function the answer calls (what {@code tool_choice} asked for).
     *
     * @param name       the function's name
     * @param parameters its parameters' JSON schema, or null when it takes none
     */
    record ToolCall(String name, JsonNode parameters) {}
}
