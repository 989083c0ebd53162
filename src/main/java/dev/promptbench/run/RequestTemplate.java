package dev.promptbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.prompt.Prompt;

/**
 * Turns a prompt into a request: the {@code --extra-body} fields first, then the command line's own
 * flags, then the prompt's own fields from its JSONL line, each winning over the ones before because it
 * is more specific.
 */
public final class RequestTemplate {
    private static final String[] MAX_TOKENS_FIELDS = {"max_tokens", "max_completion_tokens"};

    private final RequestSettings settings;

    public RequestTemplate(RequestSettings settings) {
        this.settings = settings;
    }

    /** The request for one prompt. */
    public ChatRequest requestFor(Prompt prompt) {
        ObjectNode fields = prompt.fields().objectNode();
        Integer maxTokens = null;
        if (settings.extraBody() != null) {
            for (var extra : settings.extraBody().properties()) {
                // A limit in the extra body goes out under the endpoint's field name, like a prompt's own.
                if (isMaxTokensField(extra.getKey()) && extra.getValue().canConvertToInt()) {
                    maxTokens = extra.getValue().intValue();
                } else {
                    fields.set(extra.getKey(), extra.getValue());
                }
            }
        }
        if (settings.temperature() != null) fields.put("temperature", settings.temperature());
        if (settings.topP() != null) fields.put("top_p", settings.topP());
        if (settings.seed() != null) fields.put("seed", settings.seed());
        if (settings.maxTokens() != null) maxTokens = settings.maxTokens();
        var it = prompt.fields().properties().iterator();
        while (it.hasNext()) {
            var field = it.next();
            if (isMaxTokensField(field.getKey()) && field.getValue().canConvertToInt()) {
                maxTokens = field.getValue().intValue();
            } else {
                fields.set(field.getKey(), field.getValue());
            }
        }
        ArrayNode messages = settings.cacheBust() ? withNonce(prompt.messages()) : prompt.messages();
        return new ChatRequest(prompt.id(), messages, maxTokens, fields, 1, settings.stream());
    }

    /** The same request with a completion limit of one token: cheap, but it exercises everything. */
    public ChatRequest canaryFor(Prompt prompt) {
        ChatRequest full = requestFor(prompt);
        return new ChatRequest(full.promptId(), full.messages(), 1, full.fields(), 1, full.stream());
    }

    /**
     * A copy of the messages whose first text starts with a unique nonce: prompt caches match on the
     * prefix, so no two requests share one.
     */
    private static ArrayNode withNonce(ArrayNode messages) {
        ArrayNode copy = messages.deepCopy();
        String nonce = "[" + UUID.randomUUID().toString().substring(0, 13) + "] ";
        JsonNode first = copy.get(0);
        if (first instanceof ObjectNode message) {
            JsonNode content = message.get("content");
            if (content != null && content.isTextual()) {
                message.put("content", nonce + content.asText());
            } else if (content instanceof ArrayNode parts) {
                ObjectNode part = parts.insertObject(0);
                part.put("type", "text");
                part.put("text", nonce);
            }
        }
        return copy;
    }

    private static boolean isMaxTokensField(String name) {
        for (String candidate : MAX_TOKENS_FIELDS) {
            if (candidate.equals(name)) return true;
        }
        return false;
    }
}
