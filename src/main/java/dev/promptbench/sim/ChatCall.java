package dev.promptbench.sim;

/**
 * A chat-completions request body that passed the simulator's checks, reduced to what the answer
 * depends on.
 *
 * @param model        the requested {@code model}, or null when absent
 * @param messagesJson the {@code messages} array as compact JSON text: the key of every random draw
 * @param maxTokens    {@code max_tokens} or {@code max_completion_tokens}, or null for none
 * @param lastUserText text of the last user message (of the last message if none is a user's)
 * @param promptTokens estimated prompt tokens, see {@link TokenEstimate}
 * @param stream       true when the answer is to be streamed as server-sent events
 * @param includeUsage true when a streamed answer ends with a usage event
 *                     ({@code stream_options.include_usage})
 * @param serviceTier  the {@code service_tier} asked for, or null when none
 * @param options      what the answer's shape must be: choices, log probabilities, JSON, a tool call
 */
record ChatCall(String model, String messagesJson, Integer maxTokens, String lastUserText,
                int promptTokens, boolean stream, boolean includeUsage, String serviceTier, ChatOptions options) {

    /** A call that asks for one plain-text choice and no service tier. */
    ChatCall(String model, String messagesJson, Integer maxTokens, String lastUserText, int promptTokens,
             boolean stream, boolean includeUsage) {
        this(model, messagesJson, maxTokens, lastUserText, promptTokens, stream, includeUsage, null, ChatOptions.PLAIN);
    }
}
