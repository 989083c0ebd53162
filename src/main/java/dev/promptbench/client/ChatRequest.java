package dev.promptbench.client;

import dev.promptbench.prompt.JsonValue;
import dev.promptbench.prompt.Message;
import java.util.List;
import java.util.Map;

/**
 * One chat-completions request, independent of the endpoint it is sent to. The responder adds
 * what depends on the endpoint ({@code model}, the name of the max-tokens field).
 *
 * @param promptId  the prompt's id, for diagnostics
 * @param messages  the chat messages, sent as they are
 * @param maxTokens completion limit, or null to send none
 * @param fields    other body fields ({@code temperature}, {@code top_p}, {@code seed}, extras) in order;
 *                  only what was given is present
 * @param attempt   1 for the first attempt, 2 for the first retry, ...
 * @param stream    ask for a streamed (SSE) answer, with usage in the last event
 */
public record ChatRequest(String promptId, List<Message> messages, Integer maxTokens, Map<String, JsonValue> fields,
                          int attempt, boolean stream) {

    public ChatRequest {
        fields = fields == null ? Map.of() : fields;
    }

    /** A first, non-streamed attempt. */
    public ChatRequest(String promptId, List<Message> messages, Integer maxTokens, Map<String, JsonValue> fields) {
        this(promptId, messages, maxTokens, fields, 1, false);
    }

    /** The same request as attempt number {@code attempt}. */
    public ChatRequest withAttempt(int attempt) {
        return new ChatRequest(promptId, messages, maxTokens, fields, attempt, stream);
    }
}
