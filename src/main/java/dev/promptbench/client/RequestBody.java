package dev.promptbench.client;

import static dev.promptbench.prompt.JsonFields.writeValue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.promptbench.prompt.JsonValue;
import dev.promptbench.prompt.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the JSON body of one API's request straight from the request's typed values to bytes (no tree in
 * between: this runs for every request). What the APIs share is written here: the bytes, a message (its
 * role, content and other fields; each API names the content parts its own way) and a field's value.
 */
abstract sealed class RequestBody permits ChatBody, ResponsesBody {
    private final JsonFactory factory;
    /** Reads a field that must be looked into (stream options, an image part). */
    final ObjectReader trees;

    RequestBody(WireCodec codec) {
        this.factory = codec.writer().getFactory();
        this.trees = codec.trees();
    }

    /** The body's bytes. */
    final byte[] bytes(ChatRequest request, Endpoint endpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 64 * request.messages().size());
        try (JsonGenerator json = factory.createGenerator(out)) {
            writeBody(json, request, endpoint);
        }
        return out.toByteArray();
    }

    /** Writes the whole body, one JSON object, into {@code json}. */
    abstract void writeBody(JsonGenerator json, ChatRequest request, Endpoint endpoint) throws IOException;

    /** Writes one content part of {@code message} as this API names it. */
    abstract void writePart(JsonGenerator json, Message message, Message.Part part) throws IOException;

    /** One message: its role, its content (text, parts or null), then its other fields as given. */
    final void writeMessage(JsonGenerator json, Message message) throws IOException {
        json.writeStartObject();
        json.writeStringField("role", message.role());
        if (message.content() instanceof Message.Content.Text text) {
            json.writeStringField("content", text.text());
        } else if (message.content() instanceof Message.Content.Parts parts) {
            json.writeArrayFieldStart("content");
            for (Message.Part part : parts.parts()) {
                writePart(json, message, part);
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
}
