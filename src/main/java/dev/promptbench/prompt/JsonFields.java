package dev.promptbench.prompt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns parsed JSON into the typed values of a request: fields, messages and their content. The only place
 * outside the client's wire codec where a prompt is JSON; everything after it sees {@link JsonValue}s.
 */
public final class JsonFields {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonFields() {}

    /**
     * The fields of a JSON object given as text ({@code --extra-body}), in order.
     *
     * @throws IllegalArgumentException when {@code json} is not a JSON object
     */
    public static Map<String, JsonValue> parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return fields(node);
    }

    /**
     * The fields of {@code json} in order when it is a JSON object ({@code --extra-body}), or null when it is
     * other JSON.
     *
     * @throws IllegalArgumentException when {@code json} is not JSON; the message is the parser's first line
     */
    public static Map<String, JsonValue> parseObject(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(problem, e);
        }
        return node == null || !node.isObject() ? null : fields(node);
    }

    /** The fields as one JSON object, in order: what {@link #parseObject} reads back. */
    public static String write(Map<String, JsonValue> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
                json.writeFieldName(field.getKey());
                writeValue(json, field.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** One value as the API reads it: a number by its literal, a raw value as written; the request bodies' too. */
    public static void writeValue(JsonGenerator json, JsonValue value) throws IOException {
        if (value instanceof JsonValue.Text text) {
            json.writeString(text.value());
        } else if (value instanceof JsonValue.Number number) {
            json.writeNumber(number.literal());
        } else if (value instanceof JsonValue.Bool bool) {
            json.writeBoolean(bool.value());
        } else if (value instanceof JsonValue.Raw raw) {
            json.writeRawValue(raw.json());
        } else {
            json.writeNull();
        }
    }

    /** The fields of {@code object}, in order. */
    static Map<String, JsonValue> fields(JsonNode object) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        for (var field : object.properties()) {
            fields.put(field.getKey(), value(field.getValue()));
        }
        return fields;
    }

    /** A checked message ({@link FieldRules#checkMessage}) as a typed value. */
    static Message message(JsonNode node) {
        Map<String, JsonValue> other = new LinkedHashMap<>();
        for (var field : node.properties()) {
            if (!field.getKey().equals("role") && !field.getKey().equals("content")) {
                other.put(field.getKey(), value(field.getValue()));
            }
        }
        return new Message(node.get("role").textValue(), content(node.get("content")), other);
    }

    private static Message.Content content(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return new Message.Content.Text(content.textValue());
        }
        List<Message.Part> parts = new ArrayList<>(content.size());
        for (JsonNode part : content) {
            String type = part.get("type").textValue();
            String text = "text".equals(type) ? part.get("text").textValue() : null;
            parts.add(new Message.Part(type, text, new JsonValue.Raw(part.toString())));
        }
        return new Message.Content.Parts(parts);
    }

    static JsonValue value(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> new JsonValue.Text(node.textValue());
            case NUMBER -> new JsonValue.Number(node.asText());
            case BOOLEAN -> new JsonValue.Bool(node.booleanValue());
            case NULL, MISSING -> JsonValue.Null.INSTANCE;
            default -> new JsonValue.Raw(node.toString());
        };
    }
}
