package dev.promptbench.prompt;

import java.util.ArrayList;
import java.util.List;

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
    List<Message> messagesFor(String text) {
        Message message = Message.text(role, text);
        return system == null ? List.of(message) : List.of(Message.text("system", system), message);
    }

    /**
     * Returns messages written by the user with the system message put in front, unless there is
     * no system text or the messages already have a system message (the user's own one wins).
     */
    List<Message> withSystem(List<Message> messages) {
        if (system == null) {
            return messages;
        }
        for (Message message : messages) {
            if ("system".equals(message.role())) {
                return messages;
            }
        }
        List<Message> result = new ArrayList<>(messages.size() + 1);
        result.add(Message.text("system", system));
        result.addAll(messages);
        return result;
    }
}
