package dev.promptbench.client;

import static dev.promptbench.prompt.JsonFields.writeValue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.prompt.JsonValue;
import dev.promptbench.prompt.Message;
import java.io.IOException;
import java.util.Map;

/** Writes the JSON body of a chat-completions request for one endpoint's conventions. */
public final class ChatBody extends RequestBody {
    private static final String STREAM_OPTIONS = "stream_options";
    /** Writes the Batch API's input lines. */
    private static final ChatBody LINES = new ChatBody(new WireCodec());

    ChatBody(WireCodec codec) {
        super(codec);
    }

    /** Writes the body {@code run} sends into {@code json}: for the Batch API's input lines. */
    public static void write(JsonGenerator json, ChatRequest request, Endpoint endpoint) throws IOException {
        LINES.writeBody(json, request, endpoint);
    }

    /**
     * {@code messages} as given, {@code model} when the route needs it, the completion limit under
     * the endpoint's field name, {@code stream} and {@code stream_options} for a streamed request, then
     * the request's other fields in their order (what the endpoint and the request already set wins over a
     * same-named field).
     */
    @Override
    void writeBody(JsonGenerator json, ChatRequest request, Endpoint endpoint) throws IOException {
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
            writeStreamOptions(json, request.fields().get(STREAM_OPTIONS));
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

    /** A part as written: its JSON, or a text part. */
    @Override
    void writePart(JsonGenerator json, Message message, Message.Part part) throws IOException {
        if (part.json() != null) {
            json.writeRawValue(part.json().json());
        } else {
            json.writeStartObject();
            json.writeStringField("type", part.type());
            json.writeStringField("text", part.text());
            json.writeEndObject();
        }
    }

    /**
     * {@code include_usage: true} (the usage event is where the token count for per-token timing comes
     * from), plus whatever other stream options the request's fields carry.
     */
    private void writeStreamOptions(JsonGenerator json, JsonValue given) throws IOException {
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
