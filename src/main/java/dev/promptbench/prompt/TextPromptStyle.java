package dev.promptbench.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a plain-text prompt becomes chat messages: the role the text is sent as, and an optional
 * system message put in front.
 *
 * @param role   {@code user} (the usual) or {@code system}
 * @param system text of a {@code system} message to prepend, or null for none
 */
public record TextPromptStyle(String role, String system) {

    /** The text is the user's message and there is no system message. */
    public static final TextPromptStyle DEFAULT = new TextPromptStyle("user", null);

    /** Checks the role; anything but {@code user} or {@code system} is a programming error. */
    public TextPromptStyle {
        if (!"user".equals(role) && !"system".equals(role)) {
            throw new IllegalArgumentException("role must be user or system, not " + role);
        }
    }

    /** Builds the messages for one plain-text prompt: the system message (if any), then the text. */
    ArrayNode messagesFor(String text, JsonNodeFactory nodes) {
        ArrayNode messages = nodes.arrayNode(system == null ? 1 : 2);
        if (system != null) {
            messages.add(message(nodes, "system", system));
        }
        messages.add(message(nodes, role, text));
        return messages;
    }

    /**
     * Returns messages written by the user with the system message put in front, unless there is
     * no system text or the messages already have a system message (the user's own one wins).
     */
    ArrayNode withSystem(ArrayNode messages, JsonNodeFactory nodes) {
        if (system == null) {
            return messages;
        }
        for (JsonNode message : messages) {
            if ("system".equals(message.path("role").asText())) {
                return messages;
            }
        }
        ArrayNode result = nodes.arrayNode(messages.size() + 1);
        result.add(message(nodes, "system", system));
        result.addAll(messages);
        return result;
    }

    private static ObjectNode message(JsonNodeFactory nodes, String role, String content) {
        ObjectNode message = nodes.objectNode();
        message.put("role", role);
        message.put("content", content);
        return message;
    }
}
