package dev.promptbench.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Writes the JSON body of a chat-completions request for one endpoint's conventions. */
public final class ChatBody {
    private final ObjectWriter writer;

    ChatBody(ObjectWriter writer) {
        this.writer = writer;
    }

    /**
     * {@code messages} as given, {@code model} when the route needs it, the completion limit under
     * the endpoint's field name, {@code stream} and {@code stream_options} for a streamed request, then
     * the request's other fields in their order.
     */
    byte[] bytes(ChatRequest request, Endpoint endpoint) throws JsonProcessingException {
        return writer.writeValueAsBytes(node(request, endpoint));
    }

    /** The body as a tree: what {@code run} sends, for the Batch API's input lines. */
    public static ObjectNode node(ChatRequest request, Endpoint endpoint) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("messages", request.messages());
        // Azure v1 names the deployment in "model"; fall back to it when no model was configured.
        String model = endpoint.model() != null || endpoint.style() != ApiStyle.AZURE_V1
                ? endpoint.model()
                : endpoint.deployment();
        if (endpoint.modelInBody() && model != null) {
            node.put("model", model);
        }
        if (request.maxTokens() != null) {
            node.put(endpoint.maxTokensField(), request.maxTokens());
        }
        if (request.stream()) {
            node.put("stream", true);
            node.set("stream_options", streamOptions(request.fields()));
        }
        if (request.fields() != null) {
            for (Map.Entry<String, JsonNode> field : request.fields().properties()) {
                // What the endpoint and the request already set wins over a same-named extra.
                if (!node.has(field.getKey())) {
                    node.set(field.getKey(), field.getValue());
                }
            }
        }
        return node;
    }

    /**
     * {@code include_usage: true} (the usage event is where the token count for per-token timing comes
     * from), plus whatever other stream options the request's fields carry.
     */
    private static ObjectNode streamOptions(ObjectNode fields) {
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        options.put("include_usage", true);
        JsonNode given = fields == null ? null : fields.get("stream_options");
        if (given != null && given.isObject()) {
            for (Map.Entry<String, JsonNode> option : given.properties()) {
                if (!options.has(option.getKey())) {
                    options.set(option.getKey(), option.getValue());
                }
            }
        }
        return options;
    }
}
