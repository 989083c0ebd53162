package dev.promptbench.prompt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one non-blank line of a prompt file into a {@link Prompt}, or explains with file and
 * line why it cannot.
 */
final class PromptParser {

    private static final int MAX_DETAIL = 160;

    private final PromptFile.Format format;
    private final TextPromptStyle style;
    private final String label;
    private final ObjectReader json;

    PromptParser(PromptFile.Format format, TextPromptStyle style, String label) {
        this.format = format;
        this.style = style;
        this.label = label;
        // No source excerpt in parser messages: they must stay one short line, and the line
        // could be a long prompt.
        JsonFactory factory = JsonFactory.builder()
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.json = new ObjectMapper(factory).reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses a non-blank line; {@code index} is the prompt's 0-based position. */
    Prompt parse(String line, long lineNumber, int index) throws PromptFileException {
        String defaultId = "line-" + lineNumber;
        if (format == PromptFile.Format.TEXT) {
            return new Prompt(index, defaultId, style.messagesFor(line), Map.of());
        }
        ObjectNode object = readObject(line, lineNumber);
        String id = id(object.remove("id"), defaultId, lineNumber);
        JsonNode messages = object.remove("messages");
        JsonNode prompt = object.remove("prompt");
        if (messages != null && prompt != null) {
            throw fail(lineNumber, "has both \"prompt\" and \"messages\"; give one");
        }
        List<Message> chat;
        if (messages != null) {
            chat = style.withSystem(checkMessages(messages, lineNumber));
        } else if (prompt != null) {
            if (!prompt.isTextual()) {
                throw fail(lineNumber, "\"prompt\" must be a string, not " + FieldRules.kind(prompt));
            }
            chat = style.messagesFor(prompt.textValue());
        } else {
            throw fail(lineNumber,
                    "needs \"prompt\" (a string) or \"messages\" (an array of {\"role\": ..., \"content\": ...})");
        }
        // What is left is sent with the request, so it is type-checked now rather than rejected by the service.
        for (var field : object.properties()) {
            String problem = FieldRules.checkField(field.getKey(), field.getValue());
            if (problem != null) {
                throw fail(lineNumber, problem);
            }
        }
        return new Prompt(index, id, chat, JsonFields.fields(object));
    }

    private ObjectNode readObject(String line, long lineNumber) throws PromptFileException {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new PromptFileException(label, lineNumber,
                    "malformed JSON (" + shorten(e.getOriginalMessage()) + ")", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw fail(lineNumber, "expected a JSON object, found " + FieldRules.kind(node));
        }
        return object;
    }

    private String id(JsonNode id, String defaultId, long lineNumber) throws PromptFileException {
        if (id == null) {
            return defaultId;
        }
        if (id.isNumber() || (id.isTextual() && !id.textValue().isBlank())) {
            return id.asText();
        }
        throw fail(lineNumber, "\"id\" must be a non-empty string or a number, not " + FieldRules.kind(id));
    }

    private List<Message> checkMessages(JsonNode messages, long lineNumber) throws PromptFileException {
        if (!messages.isArray()) {
            throw fail(lineNumber, "\"messages\" must be an array, not " + FieldRules.kind(messages));
        }
        if (messages.isEmpty()) {
            throw fail(lineNumber, "\"messages\" is empty");
        }
        List<Message> typed = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String problem = FieldRules.checkMessage(i, messages.get(i));
            if (problem != null) {
                throw fail(lineNumber, problem);
            }
            typed.add(JsonFields.message(messages.get(i)));
        }
        return typed;
    }

    private PromptFileException fail(long lineNumber, String detail) {
        return new PromptFileException(label, lineNumber, detail);
    }

    private static String shorten(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        return first.length() <= MAX_DETAIL ? first : first.substring(0, MAX_DETAIL) + "...";
    }
}
