package dev.promptbench.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.promptbench.prompt.JsonValue;
import dev.promptbench.prompt.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the JSON body of a chat-completions request for one endpoint's conventions, straight from the
 * request's typed values to bytes (no tree in between: this runs for every request).
 */
public final class ChatBody {
    private static final String STREAM_OPTIONS = "stream_options";
    private static final WireCodec CODEC = new WireCodec();

    private final JsonFactory factory;
    private final ObjectReader trees;

    ChatBody(WireCodec codec) {
        this.factory = codec.writer().getFactory();
        this.trees = codec.trees();
    }

    /** The body's bytes. */
    byte[] bytes(ChatRequest request, Endpoint endpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 64 * request.messages().size());
        try (JsonGenerator json = factory.createGenerator(out)) {
            write(json, request, endpoint, trees);
        }
        return out.toByteArray();
    }

    /** Writes the body {@code run} sends into {@code json}: for the Batch API's input lines. */
    public static void write(JsonGenerator json, ChatRequest request, Endpoint endpoint) throws IOException {
        write(json, request, endpoint, CODEC.trees());
    }

    /**
     * {@code messages} as given, {@code model} when the route needs it, the completion limit under
     * the endpoint's field name, {@code stream} and {@code stream_options} for a streamed request, then
     * the request's other fields in their order (what the endpoint and the request already set wins over a
     * same-named field).
     */
    private static void write(JsonGenerator json, ChatRequest request, Endpoint endpoint, ObjectReader trees)
            throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("messages");
        for (Message message : request.messages()) {
            writeMessage(json, message);
        }
        json.writeEndArray();
        // Azure v1 names the deployment in "model"; fall back to it when no model was configured.
        String model = endpoint.model() != null || endpoint.style() != ApiStyle.AZURE_V1
                ? endpoint.model()
                : endpoint.deployment();
        boolean modelSet = endpoint.modelInBody() && model != null;
        if (modelSet) {
            json.writeStringField("model", model);
        }
        if (request.maxTokens() != null) {
            json.writeNumberField(endpoint.maxTokensField(), request.maxTokens());
        }
        if (request.stream()) {
            json.writeBooleanField("stream", true);
            writeStreamOptions(json, request.fields().get(STREAM_OPTIONS), trees);
        }
        for (Map.Entry<String, JsonValue> field : request.fields().entrySet()) {
            String name = field.getKey();
            boolean taken = name.equals("messages") || (modelSet && name.equals("model"))
                    || (request.maxTokens() != null && name.equals(endpoint.maxTokensField()))
                    || (request.stream() && (name.equals("stream") || name.equals(STREAM_OPTIONS)));
            if (!taken) {
                json.writeFieldName(name);
                writeValue(json, field.getValue());
            }
        }
        json.writeEndObject();
    }

    private static void writeMessage(JsonGenerator json, Message message) throws IOException {
        json.writeStartObject();
        json.writeStringField("role", message.role());
        if (message.content() instanceof Message.Content.Text text) {
            json.writeStringField("content", text.text());
        } else if (message.content() instanceof Message.Content.Parts parts) {
            json.writeArrayFieldStart("content");
            for (Message.Part part : parts.parts()) {
                if (part.json() != null) {
                    json.writeRawValue(part.json().json());
                } else {
                    json.writeStartObject();
                    json.writeStringField("type", part.type());
                    json.writeStringField("text", part.text());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
        } else {
            json.writeNullField("content");
        }
        for (Map.Entry<String, JsonValue> field : message.other().entrySet()) {
            json.writeFieldName(field.getKey());
            writeValue(json, field.getValue());
        }
        json.writeEndObject();
    }

    static void writeValue(JsonGenerator json, JsonValue value) throws IOException {
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

    /**
     * {@code include_usage: true} (the usage event is where the token count for per-token timing comes
     * from), plus whatever other stream options the request's fields carry.
     */
    private static void writeStreamOptions(JsonGenerator json, JsonValue given, ObjectReader trees)
            throws IOException {
        json.writeObjectFieldStart(STREAM_OPTIONS);
        json.writeBooleanField("include_usage", true);
        if (given instanceof JsonValue.Raw raw) {
            JsonNode options = trees.readTree(raw.json());
            if (options != null && options.isObject()) {
                for (Map.Entry<String, JsonNode> option : options.properties()) {
                    if (!option.getKey().equals("include_usage")) {
                        json.writeFieldName(option.getKey());
                        json.writeRawValue(option.getValue().toString());
                    }
                }
            }
        }
        json.writeEndObject();
    }
}
