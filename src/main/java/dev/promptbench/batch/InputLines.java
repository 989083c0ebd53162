package dev.promptbench.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptbench.client.ChatBody;
import dev.promptbench.client.ChatRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The Batch API's input line for one request, and the custom_id read back from such a line. */
final class InputLines {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BatchTarget target;

    InputLines(BatchTarget target) {
        this.target = target;
    }

    /** {@code {"custom_id":..,"method":"POST","url":..,"body":{...}}}, the body exactly as {@code run} sends it. */
    byte[] line(String customId, ChatRequest request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("custom_id", customId);
            json.writeStringField("method", "POST");
            json.writeStringField("url", target.lineUrl());
            json.writeFieldName("body");
            ChatBody.write(json, request, target.body());
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /** The custom_id of a line, or null when it has none; reads only as far as the field. */
    static String customId(byte[] line) throws IOException {
        return customId(line, line.length);
    }

    /** The custom_id of the first {@code length} bytes of {@code line} (an input or an output line). */
    static String customId(byte[] line, int length) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(line, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("custom_id".equals(name)) return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                parser.skipChildren();
            }
            return null;
        }
    }
}
