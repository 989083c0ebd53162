package dev.promptbench.run;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.prompt.JsonValue;
import dev.promptbench.prompt.Message;
import dev.promptbench.prompt.Prompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a prompt into a request: the {@code --extra-body} fields first, then the command line's own
 * flags, then the prompt's own fields from its JSONL line, each winning over the ones before because it
 * is more specific.
 */
public final class RequestTemplate {
    private final RequestSettings settings;

    public RequestTemplate(RequestSettings settings) {
        this.settings = settings;
    }

    /** The request for one prompt. */
    public ChatRequest requestFor(Prompt prompt) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        Integer maxTokens = null;
        for (Map.Entry<String, JsonValue> extra : settings.extraBody().entrySet()) {
            // A limit in the extra body goes out under the endpoint's field name, like a prompt's own.
            Integer limit = maxTokens(extra.getKey(), extra.getValue());
            if (limit != null) {
                maxTokens = limit;
            } else {
                fields.put(extra.getKey(), extra.getValue());
            }
        }
        if (settings.temperature() != null) fields.put("temperature", JsonValue.Number.of(settings.temperature()));
        if (settings.topP() != null) fields.put("top_p", JsonValue.Number.of(settings.topP()));
        if (settings.seed() != null) fields.put("seed", JsonValue.Number.of(settings.seed()));
        if (settings.serviceTier() != null) {
            fields.put("service_tier", new JsonValue.Text(settings.serviceTier().wireName()));
        }
        if (settings.maxTokens() != null) maxTokens = settings.maxTokens();
        for (Map.Entry<String, JsonValue> field : prompt.fields().entrySet()) {
            Integer limit = maxTokens(field.getKey(), field.getValue());
            if (limit != null) {
                maxTokens = limit;
            } else {
                fields.put(field.getKey(), field.getValue());
            }
        }
        List<Message> messages = settings.cacheBust() ? withNonce(prompt.messages()) : prompt.messages();
        return new ChatRequest(prompt.id(), messages, maxTokens, fields, 1, settings.stream());
    }

    /** The same request with a completion limit of one token: cheap, but it exercises everything. */
    public ChatRequest canaryFor(Prompt prompt) {
        ChatRequest full = requestFor(prompt);
        return new ChatRequest(full.promptId(), full.messages(), 1, full.fields(), 1, full.stream());
    }

    /**
     * The messages with the first text starting with a unique nonce: prompt caches match on the prefix, so
     * no two requests share one.
     */
    private static List<Message> withNonce(List<Message> messages) {
        String nonce = "[" + UUID.randomUUID().toString().substring(0, 13) + "] ";
        Message first = messages.get(0);
        Message.Content content;
        if (first.content() instanceof Message.Content.Text text) {
            content = new Message.Content.Text(nonce + text.text());
        } else if (first.content() instanceof Message.Content.Parts parts) {
            List<Message.Part> withNonce = new ArrayList<>(parts.parts().size() + 1);
            withNonce.add(Message.Part.text(nonce));
            withNonce.addAll(parts.parts());
            content = new Message.Content.Parts(withNonce);
        } else {
            return messages;
        }
        List<Message> copy = new ArrayList<>(messages);
        copy.set(0, first.withContent(content));
        return copy;
    }

    /** The completion limit a field sets ({@code max_tokens}, {@code max_completion_tokens}), or null. */
    private static Integer maxTokens(String name, JsonValue value) {
        if ((name.equals("max_tokens") || name.equals("max_completion_tokens"))
                && value instanceof JsonValue.Number number && number.isInteger()) {
            long limit = number.longValue();
            return limit >= Integer.MIN_VALUE && limit <= Integer.MAX_VALUE ? (int) limit : null;
        }
        return null;
    }
}
