package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * The request-shape checks a real chat-completions service makes, so that a client bug shows up as
 * the same 400 against the simulator as against the service.
 */
final class RequestRules {

    private static final Set<String> ROLES =
            Set.of("system", "developer", "user", "assistant", "tool", "function");

    private final ObjectMapper mapper;

    RequestRules(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Checks a request body and extracts what the answer needs.
     *
     * @param body          the raw request body
     * @param modelRequired true on routes that take the model from the body (Azure v1, OpenAI)
     */
    ChatCall check(byte[] body, boolean modelRequired) throws RequestRejection {
        JsonNode root = parse(body);
        String model = model(root, modelRequired);
        JsonNode messages = root.get("messages");
        if (messages == null || messages.isNull()) {
            throw new RequestRejection("Missing required parameter: 'messages'.", "messages",
                    "missing_required_parameter");
        }
        if (!messages.isArray()) {
            throw new RequestRejection("Invalid type for 'messages': expected an array, but got "
                    + typeName(messages) + " instead.", "messages", "invalid_type");
        }
        if (messages.isEmpty()) {
            throw new RequestRejection("Invalid 'messages': empty array. Expected an array with minimum "
                    + "length 1, but got an empty array instead.", "messages", "empty_array");
        }
        int promptTokens = TokenEstimate.PER_REQUEST;
        String lastText = "";
        String lastUserText = null;
        StringBuilder allText = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String where = "messages[" + i + "]";
            String role = role(message, where);
            String text = text(message.get("content"), where + ".content");
            promptTokens += TokenEstimate.PER_MESSAGE + TokenEstimate.of(text);
            lastText = text;
            allText.append(text).append('\n');
            if (role.equals("user")) {
                lastUserText = text;
            }
        }
        temperature(root.get("temperature"));
        boolean stream = stream(root.get("stream"));
        boolean includeUsage = includeUsage(root.get("stream_options"), stream);
        Integer maxTokens = maxTokens(root);
        ChatOptions options = ParameterRules.check(root, maxTokens, allText.toString());
        return new ChatCall(model, messages.toString(), maxTokens,
                lastUserText != null ? lastUserText : lastText, promptTokens, stream, includeUsage,
                ResponsesRules.serviceTier(root.get("service_tier")), options);
    }

    private static boolean stream(JsonNode stream) throws RequestRejection {
        if (stream == null || stream.isNull()) {
            return false;
        }
        if (!stream.isBoolean()) {
            throw new RequestRejection("Invalid type for 'stream': expected a boolean, but got "
                    + typeName(stream) + " instead.", "stream", "invalid_type");
        }
        return stream.asBoolean();
    }

    /** {@code stream_options.include_usage}; the services refuse stream options on an unstreamed request. */
    private static boolean includeUsage(JsonNode options, boolean stream) throws RequestRejection {
        if (options == null || options.isNull()) {
            return false;
        }
        if (!stream) {
            throw new RequestRejection("The 'stream_options' parameter is only allowed when 'stream' is "
                    + "enabled.", "stream_options", "invalid_value");
        }
        if (!options.isObject()) {
            throw new RequestRejection("Invalid type for 'stream_options': expected an object, but got "
                    + typeName(options) + " instead.", "stream_options", "invalid_type");
        }
        JsonNode usage = options.get("include_usage");
        if (usage == null || usage.isNull()) {
            return false;
        }
        if (!usage.isBoolean()) {
            throw new RequestRejection("Invalid type for 'stream_options.include_usage': expected a boolean, "
                    + "but got " + typeName(usage) + " instead.", "stream_options.include_usage",
                    "invalid_type");
        }
        return usage.asBoolean();
    }

    private JsonNode parse(byte[] body) throws RequestRejection {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            root = null; // the parser's message could quote the body back: say it plainly instead
        }
        if (root == null || !root.isObject()) {
            throw new RequestRejection("We could not parse the JSON body of your request. The body must "
                    + "be a JSON object (Content-Type: application/json).", null, "invalid_json");
        }
        return root;
    }

    private static String model(JsonNode root, boolean required) throws RequestRejection {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            if (required) {
                throw new RequestRejection("you must provide a model parameter", "model",
                        "missing_required_parameter");
            }
            return null;
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw new RequestRejection("Invalid 'model': expected a non-empty string.", "model",
                    "invalid_value");
        }
        return model.asText();
    }

    private static String role(JsonNode message, String where) throws RequestRejection {
        if (!message.isObject()) {
            throw new RequestRejection("Invalid type for '" + where + "': expected an object, but got "
                    + typeName(message) + " instead.", where, "invalid_type");
        }
        JsonNode role = message.get("role");
        if (role == null || role.isNull()) {
            throw new RequestRejection("Missing required parameter: '" + where + ".role'.",
                    where + ".role", "missing_required_parameter");
        }
        if (!role.isTextual() || !ROLES.contains(role.asText())) {
            throw new RequestRejection("Invalid value: '" + role.asText() + "'. Supported values are: "
                    + "'system', 'developer', 'user', 'assistant', 'tool' and 'function'.",
                    where + ".role", "invalid_value");
        }
        return role.asText();
    }

    /** The text of a message's content: a string, or the text parts of an array (others ignored). */
    private static String text(JsonNode content, String where) throws RequestRejection {
        if (content == null || content.isNull()) {
            return ""; // an assistant turn with tool calls has no content
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new RequestRejection("Invalid type for '" + where + "': expected a string or an array "
                    + "of content parts, but got " + typeName(content) + " instead.", where, "invalid_type");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode partText = part.get("text");
            if ("text".equals(part.path("type").asText()) && partText != null && partText.isTextual()) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(partText.asText());
            }
        }
        return text.toString();
    }

    private static void temperature(JsonNode temperature) throws RequestRejection {
        if (temperature == null || temperature.isNull()) {
            return;
        }
        if (!temperature.isNumber()) {
            throw new RequestRejection("Invalid type for 'temperature': expected a decimal, but got "
                    + typeName(temperature) + " instead.", "temperature", "invalid_type");
        }
        double value = temperature.asDouble();
        if (value < 0 || value > 2) {
            throw new RequestRejection("Invalid 'temperature': expected a value between 0 and 2, but got "
                    + temperature.asText() + " instead.", "temperature",
                    value < 0 ? "decimal_below_min_value" : "decimal_above_max_value");
        }
    }

    private static Integer maxTokens(JsonNode root) throws RequestRejection {
        JsonNode legacy = root.get("max_tokens");
        JsonNode current = root.get("max_completion_tokens");
        boolean hasLegacy = legacy != null && !legacy.isNull();
        boolean hasCurrent = current != null && !current.isNull();
        if (hasLegacy && hasCurrent) {
            throw new RequestRejection("max_tokens and max_completion_tokens cannot both be set; use "
                    + "max_completion_tokens.", "max_tokens", "invalid_request_error");
        }
        if (hasLegacy) {
            return positiveInt(legacy, "max_tokens");
        }
        return hasCurrent ? positiveInt(current, "max_completion_tokens") : null;
    }

    private static Integer positiveInt(JsonNode value, String name) throws RequestRejection {
        if (!value.isIntegralNumber()) {
            throw new RequestRejection("Invalid type for '" + name + "': expected an integer, but got "
                    + typeName(value) + " instead.", name, "invalid_type");
        }
        if (value.asLong() < 1) {
            throw new RequestRejection("Invalid '" + name + "': integer below minimum value. Expected a "
                    + "value >= 1, but got " + value.asText() + " instead.", name,
                    "integer_below_min_value");
        }
        return value.canConvertToInt() ? value.asInt() : Integer.MAX_VALUE;
    }

    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "null";
        };
    }
}
