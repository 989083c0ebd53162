package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * The request-shape checks of the Responses API ({@code POST .../responses}): {@code model}, {@code input}
 * (a string, or a list of message items whose content is a string or parts), {@code instructions},
 * {@code max_output_tokens} (16 at least, as Azure and OpenAI require), {@code stream},
 * {@code temperature}, {@code service_tier}, with the services' own 400 wording.
 */
final class ResponsesRules {
    /** The smallest {@code max_output_tokens} the services take. */
    static final int MIN_OUTPUT_TOKENS = 16;

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");
    static final Set<String> TIERS = Set.of("auto", "default", "flex", "priority");

    private final ObjectMapper mapper;

    ResponsesRules(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Checks a request body and extracts what the answer needs; the model is required on every route. */
    ChatCall check(byte[] body) throws RequestRejection {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            root = null; // the parser's message could quote the body back
        }
        if (root == null || !root.isObject()) {
            throw new RequestRejection("We could not parse the JSON body of your request. The body must "
                    + "be a JSON object (Content-Type: application/json).", null, "invalid_json");
        }
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            throw new RequestRejection("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        }
        if (!model.isTextual()) {
            throw invalidType("model", "a string", model);
        }
        StringBuilder prompt = new StringBuilder();
        int promptTokens = TokenEstimate.PER_REQUEST;
        JsonNode instructions = root.get("instructions");
        if (instructions != null && !instructions.isNull()) {
            if (!instructions.isTextual()) throw invalidType("instructions", "a string", instructions);
            prompt.append(instructions.asText());
            promptTokens += TokenEstimate.PER_MESSAGE + TokenEstimate.of(instructions.asText());
        }
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw new RequestRejection("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }
        String lastUserText = null;
        String lastText = "";
        if (input.isTextual()) {
            lastUserText = input.asText();
            prompt.append(lastUserText);
            promptTokens += TokenEstimate.PER_MESSAGE + TokenEstimate.of(lastUserText);
        } else if (input.isArray()) {
            if (input.isEmpty()) {
                throw new RequestRejection("Invalid 'input': empty array. Expected an array with minimum length 1, "
                        + "but got an empty array instead.", "input", "empty_array");
            }
            for (int i = 0; i < input.size(); i++) {
                JsonNode item = input.get(i);
                String where = "input[" + i + "]";
                if (!item.isObject()) throw invalidType(where, "an object", item);
                JsonNode role = item.get("role");
                if (role == null) {
                    continue; // another item type (a function call's output, a reasoning item): no text to read
                }
                if (!role.isTextual() || !ROLES.contains(role.asText())) {
                    throw new RequestRejection("Invalid value: '" + role.asText() + "'. Supported values are: "
                            + "'assistant', 'system', 'developer', and 'user'.", where + ".role", "invalid_value");
                }
                String text = text(item.get("content"), where + ".content");
                prompt.append(text);
                promptTokens += TokenEstimate.PER_MESSAGE + TokenEstimate.of(text);
                lastText = text;
                if (role.asText().equals("user")) lastUserText = text;
            }
        } else {
            throw invalidType("input", "a string or an array", input);
        }
        Integer maxTokens = maxOutputTokens(root.get("max_output_tokens"));
        JsonNode temperature = root.get("temperature");
        if (temperature != null && !temperature.isNull()
                && (!temperature.isNumber() || temperature.asDouble() < 0 || temperature.asDouble() > 2)) {
            throw new RequestRejection("Invalid 'temperature': expected a number between 0 and 2.", "temperature",
                    "invalid_value");
        }
        boolean stream = false;
        JsonNode streamNode = root.get("stream");
        if (streamNode != null && !streamNode.isNull()) {
            if (!streamNode.isBoolean()) throw invalidType("stream", "a boolean", streamNode);
            stream = streamNode.asBoolean();
        }
        String tier = serviceTier(root.get("service_tier"));
        return new ChatCall(model.asText(), prompt.toString(), maxTokens,
                lastUserText != null ? lastUserText : lastText, promptTokens, stream, true, tier,
                ChatOptions.PLAIN);
    }

    /** A message item's text: a string, or its text parts joined (images and files add no text). */
    private static String text(JsonNode content, String where) throws RequestRejection {
        if (content == null || content.isNull()) {
            throw new RequestRejection("Missing required parameter: '" + where + "'.", where,
                    "missing_required_parameter");
        }
        if (content.isTextual()) return content.asText();
        if (!content.isArray()) throw invalidType(where, "a string or an array", content);
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode type = part.get("type");
            if (type == null || !type.isTextual()) {
                throw new RequestRejection("Missing required parameter: '" + where + "[].type'.", where,
                        "missing_required_parameter");
            }
            if (type.asText().equals("text")) {
                // Chat's part type: the Responses API names it input_text (or output_text).
                throw new RequestRejection("Invalid value: 'text'. Supported values are: 'input_text', "
                        + "'input_image', 'output_text', 'refusal', 'input_file', and 'input_audio'.",
                        where + "[].type", "invalid_value");
            }
            if (type.asText().endsWith("_text") && part.path("text").isTextual()) {
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    private static Integer maxOutputTokens(JsonNode node) throws RequestRejection {
        if (node == null || node.isNull()) return null;
        if (!node.isIntegralNumber()) throw invalidType("max_output_tokens", "an integer", node);
        if (node.asLong() < MIN_OUTPUT_TOKENS) {
            throw new RequestRejection("Invalid 'max_output_tokens': integer below minimum value. Expected a value"
                    + " >= " + MIN_OUTPUT_TOKENS + ", but got " + node.asText() + " instead.", "max_output_tokens",
                    "integer_below_min_value");
        }
        return (int) Math.min(Integer.MAX_VALUE, node.asLong());
    }

    /** The {@code service_tier} asked for, or null when none. */
    static String serviceTier(JsonNode node) throws RequestRejection {
        if (node == null || node.isNull()) return null;
        if (!node.isTextual() || !TIERS.contains(node.asText())) {
            throw new RequestRejection("Invalid value: '" + node.asText() + "'. Supported values are: 'auto', "
                    + "'default', 'flex', and 'priority'.", "service_tier", "invalid_value");
        }
        return node.asText();
    }

    private static RequestRejection invalidType(String param, String expected, JsonNode got) {
        String type = got.isTextual() ? "a string" : got.isNumber() ? "a number" : got.isBoolean() ? "a boolean"
                : got.isArray() ? "an array" : got.isObject() ? "an object" : "null";
        return new RequestRejection("Invalid type for '" + param + "': expected " + expected + ", but got " + type
                + " instead.", param, "invalid_type");
    }
}
