package dev.promptbench.prompt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed request values from JSON text and back, so tests can write and compare them as JSON. */
public final class TypedJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TypedJson() {}

    /** Messages from a JSON array (or a Jackson array node's text). */
    public static List<Message> messages(Object json) {
        try {
            JsonNode array = JSON.readTree(json.toString());
            List<Message> messages = new ArrayList<>();
            for (JsonNode message : array) {
                messages.add(JsonFields.message(message));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fields from a JSON object (or a Jackson object node's text); null gives none. */
    public static Map<String, JsonValue> fields(Object json) {
        return json == null ? Map.of() : JsonFields.parse(json.toString());
    }

    /** The messages as compact JSON. */
    public static String json(List<Message> messages) {
        return write(out -> {
            out.writeStartArray();
            for (Message message : messages) {
                out.writeStartObject();
                out.writeStringField("role", message.role());
                if (message.content() instanceof Message.Content.Text text) {
                    out.writeStringField("content", text.text());
                } else if (message.content() instanceof Message.Content.Parts parts) {
                    out.writeArrayFieldStart("content");
                    for (Message.Part part : parts.parts()) {
                        if (part.json() != null) {
                            out.writeRawValue(part.json().json());
                        } else {
                            out.writeStartObject();
                            out.writeStringField("type", part.type());
                            out.writeStringField("text", part.text());
                            out.writeEndObject();
                        }
                    }
                    out.writeEndArray();
                } else {
                    out.writeNullField("content");
                }
                writeFields(out, message.other());
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    /** The fields as a compact JSON object. */
    public static String json(Map<String, JsonValue> fields) {
        return write(out -> {
            out.writeStartObject();
            writeFields(out, fields);
            out.writeEndObject();
        });
    }

    private static void writeFields(JsonGenerator out, Map<String, JsonValue> fields) throws IOException {
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            out.writeFieldName(field.getKey());
            JsonValue value = field.getValue();
            if (value instanceof JsonValue.Text text) out.writeString(text.value());
            else if (value instanceof JsonValue.Number number) out.writeNumber(number.literal());
            else if (value instanceof JsonValue.Bool bool) out.writeBoolean(bool.value());
            else if (value instanceof JsonValue.Raw raw) out.writeRawValue(raw.json());
            else out.writeNull();
        }
    }

    private interface Writing {
        void to(JsonGenerator out) throws IOException;
    }

    private static String write(Writing writing) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
