package dev.promptbench.client;

import static dev.promptbench.prompt.JsonFields.writeValue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.prompt.JsonValue;
import dev.promptbench.prompt.Message;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the JSON body of a Responses API request ({@code POST .../responses}) from the same typed request
 * a chat completion is written from: a leading system message becomes {@code instructions}, the other
 * messages {@code input} (a lone user text as a plain string), the completion limit
 * {@code max_output_tokens}, {@code reasoning_effort} becomes {@code reasoning.effort}, and {@code store}
 * is false unless the request's fields say otherwise (a benchmark should not fill the service's store).
 */
final class ResponsesBody extends RequestBody {
    /** Chat-only names the request may carry, each written here in the Responses API's terms or not at all. */
    private static final Set<String> TRANSLATED = Set.of("messages", "model", "stream", "stream_options",
            "max_tokens", "max_completion_tokens", "max_output_tokens", "reasoning_effort", "instructions", "input");

    ResponsesBody(WireCodec codec) {
        super(codec);
    }

    @Override
    void writeBody(JsonGenerator json, ChatRequest request, Endpoint endpoint) throws IOException {
        json.writeStartObject();
        String model = endpoint.bodyModel();
        if (model != null) {
            json.writeStringField("model", model);
        }
        List<Message> messages = request.messages();
        int first = 0;
        if (!messages.isEmpty() && isInstructions(messages.get(0))) {
            json.writeStringField("instructions", ((Message.Content.Text) messages.get(0).content()).text());
            first = 1;
        }
        List<Message> input = messages.subList(first, messages.size());
        if (input.size() == 1 && isPlainUserText(input.get(0))) {
            json.writeStringField("input", ((Message.Content.Text) input.get(0).content()).text());
        } else {
            json.writeArrayFieldStart("input");
            for (Message message : input) {
                writeMessage(json, message);
            }
            json.writeEndArray();
        }
        Integer limit = request.maxTokens();
        if (limit == null && request.fields().get("max_output_tokens") instanceof JsonValue.Number number
                && number.isInteger()) {
            limit = (int) number.longValue();
        }
        if (limit != null) {
            json.writeNumberField("max_output_tokens", limit);
        }
        if (request.stream()) {
            json.writeBooleanField("stream", true);
        }
        Map<String, JsonValue> fields = request.fields();
        if (!fields.containsKey("store")) {
            json.writeBooleanField("store", false);
        }
        JsonValue effort = fields.get("reasoning_effort");
        if (effort != null && !fields.containsKey("reasoning")) {
            json.writeObjectFieldStart("reasoning");
            json.writeFieldName("effort");
            writeValue(json, effort);
            json.writeEndObject();
        }
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            if (!TRANSLATED.contains(field.getKey())) {
                json.writeFieldName(field.getKey());
                writeValue(json, field.getValue());
            }
        }
        json.writeEndObject();
    }

    /** A system (or developer) message of plain text and nothing else: what {@code instructions} carries. */
    private static boolean isInstructions(Message message) {
        return ("system".equals(message.role()) || "developer".equals(message.role()))
                && message.content() instanceof Message.Content.Text && message.other().isEmpty();
    }

    private static boolean isPlainUserText(Message message) {
        return "user".equals(message.role()) && message.content() instanceof Message.Content.Text
                && message.other().isEmpty();
    }

    /**
     * A chat content part as the Responses API names it: {@code text} is {@code input_text} (or
     * {@code output_text}), {@code image_url: {url, detail}} is {@code input_image} with {@code image_url}
     * and {@code detail}; any other part goes as written.
     */
    @Override
    void writePart(JsonGenerator json, Message message, Message.Part part) throws IOException {
        if ("text".equals(part.type()) && part.text() != null) {
            json.writeStartObject();
            // An assistant turn's text is output the model wrote before; every other role's is input.
            json.writeStringField("type", "assistant".equals(message.role()) ? "output_text" : "input_text");
            json.writeStringField("text", part.text());
            json.writeEndObject();
            return;
        }
        if (part.json() == null) {
            json.writeNull();
            return;
        }
        if ("image_url".equals(part.type())) {
            JsonNode image = trees.readTree(part.json().json()).path("image_url");
            String url = image.isTextual() ? image.asText() : image.path("url").asText(null);
            if (url != null) {
                json.writeStartObject();
                json.writeStringField("type", "input_image");
                json.writeStringField("image_url", url);
                JsonNode detail = image.path("detail");
                if (detail.isTextual()) {
                    json.writeStringField("detail", detail.asText());
                }
                json.writeEndObject();
                return;
            }
        }
        json.writeRawValue(part.json().json());
    }
}
