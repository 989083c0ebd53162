package dev.promptbench.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chat message exactly as it will be sent.
 *
 * @param role    system, developer, user, assistant, tool or function
 * @param content its text or parts; null when it has none (an assistant turn that only called tools)
 * @param other   the message's other fields ({@code name}, {@code tool_calls}, {@code tool_call_id}, ...) in order
 */
public record Message(String role, Content content, Map<String, JsonValue> other) {

    public Message {
        other = other.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /** A message of plain text and nothing else. */
    public static Message text(String role, String text) {
        return new Message(role, new Content.Text(text), Map.of());
    }

    /** The same message with {@code content}. */
    public Message withContent(Content content) {
        return new Message(role, content, other);
    }

    /** What a message says: a string, or parts (text, images, audio). */
    public sealed interface Content permits Content.Text, Content.Parts {

        /** Plain text. */
        record Text(String text) implements Content {}

        /** An array of parts, sent in order. */
        record Parts(List<Part> parts) implements Content {
            public Parts {
                parts = List.copyOf(parts);
            }
        }
    }

    /**
     * One part of a content array.
     *
     * @param type {@code text}, {@code image_url}, {@code input_audio}, ...
     * @param text the text of a text part, else null
     * @param json the part as written in the prompt file, or null for a text part made here (then it is
     *             sent as {@code {"type":"text","text":...}})
     */
    public record Part(String type, String text, JsonValue.Raw json) {

        /** A text part made by promptbench (the cache-busting nonce). */
        public static Part text(String text) {
            return new Part("text", text, null);
        }
    }
}
