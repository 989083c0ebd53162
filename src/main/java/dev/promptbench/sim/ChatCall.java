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
 */
record ChatCall(String model, String messagesJson, Integer maxTokens, String lastUserText,
                int promptTokens, boolean stream, boolean includeUsage, String serviceTier) {

    /** A call that asks for no service tier. */
    ChatCall(String model, String messagesJson, Integer maxTokens, String lastUserText,
             int promptTokens, boolean stream, boolean includeUsage) {
        this(model, messagesJson, maxTokens, lastUserText, promptTokens, stream, includeUsage, null);
    }
}
