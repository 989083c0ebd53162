package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks Azure OpenAI (api-version 2024-10-21) and OpenAI make on a chat request's parameters other
 * than its messages: names the API does not know, types, ranges (n 1..128, top_p 0..1, penalties -2..2,
 * at most 4 stop strings, an integer seed, top_logprobs 0..20, logit_bias -100..100, max tokens within the
 * model's limit) and the shapes of response_format, tools and tool_choice. Each refusal is the 400 the
 * service gives: OpenAI's error object (message, type, param, code), which Azure uses for validation too.
 */
final class ParameterRules {

    /**
     * Every request parameter of chat completions that some version of the API knows: the 2024-10-21 spec's
     * (with {@code max_completion_tokens} and {@code stream_options}, which that version's service accepts
     * although its spec leaves them out) and the later ones clients send. Anything else is refused, as the
     * services refuse a misspelt parameter ("Unrecognized request argument supplied: topP").
     */
    private static final Set<String> KNOWN = Set.of("messages", "model", "data_sources", "frequency_penalty",
            "logit_bias", "logprobs", "top_logprobs", "max_tokens", "max_completion_tokens", "n",
            "presence_penalty", "parallel_tool_calls", "response_format", "seed", "stop", "stream",
            "stream_options", "temperature", "top_p", "tools", "tool_choice", "function_call", "functions", "user",
            "reasoning_effort", "service_tier", "store", "metadata", "modalities", "prediction", "audio",
            "web_search_options", "prompt_cache_key", "safety_identifier", "verbosity", "user_security_context");
    /** The most completion tokens the simulated model (gpt-4o-mini) can write. */
    static final int MAX_COMPLETION_TOKENS = 16_384;
    private static final int MAX_TOOLS = 128;

    private ParameterRules() {}

    /** Checks everything but the messages, stream and temperature; returns what shapes the answer. */
    static ChatOptions check(JsonNode root, Integer maxTokens, String allText) throws RequestRejection {
        unknown(root);
        int n = integer(root, "n", 1, 128, 1);
        number(root, "top_p", 0, 1);
        number(root, "presence_penalty", -2, 2);
        number(root, "frequency_penalty", -2, 2);
        stop(root.get("stop"));
        seed(root.get("seed"));
        logitBias(root.get("logit_bias"));
        text(root, "user");
        boolean logprobs = bool(root, "logprobs");
        int topLogprobs = integer(root, "top_logprobs", 0, 20, 0);
        if (present(root.get("top_logprobs")) && !logprobs) {
            throw new RequestRejection("Invalid value for 'top_logprobs': 'logprobs' must be set to true when "
                    + "'top_logprobs' is given.", "top_logprobs", "invalid_value");
        }
        maxTokensLimit(root, maxTokens);
        ChatOptions.Format format = format(root.get("response_format"), allText);
        ChatOptions.ToolCall toolCall = tools(root.get("tools"), root.get("tool_choice"));
        bool(root, "parallel_tool_calls");
        return new ChatOptions(n, logprobs, topLogprobs, format, toolCall);
    }

    private static void unknown(JsonNode root) throws RequestRejection {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) unknown.add(name);
        }
        if (unknown.size() == 1) {
            throw new RequestRejection("Unrecognized request argument supplied: " + unknown.iterator().next(), null,
                    null);
        }
        if (!unknown.isEmpty()) {
            throw new RequestRejection("Unrecognized request arguments supplied: " + String.join(", ", unknown),
                    null, null);
        }
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    private static int integer(JsonNode root, String name, long min, long max, int absent) throws RequestRejection {
        JsonNode value = root.get(name);
        if (!present(value)) return absent;
        if (!value.isIntegralNumber()) {
            throw invalidType(name, "an integer", value);
        }
        long v = value.canConvertToLong() ? value.asLong() : value.bigIntegerValue().signum() * Long.MAX_VALUE;
        if (v < min) {
            throw new RequestRejection("Invalid '" + name + "': integer below minimum value. Expected a value >= "
                    + min + ", but got " + value.asText() + " instead.", name, "integer_below_min_value");
        }
        if (v > max) {
            throw new RequestRejection("Invalid '" + name + "': integer above maximum value. Expected a value <= "
                    + max + ", but got " + value.asText() + " instead.", name, "integer_above_max_value");
        }
        return (int) v;
    }

    private static void number(JsonNode root, String name, double min, double max) throws RequestRejection {
        JsonNode value = root.get(name);
        if (!present(value)) return;
        if (!value.isNumber()) {
            throw invalidType(name, "a decimal", value);
        }
        double v = value.asDouble();
        if (v < min) {
            throw new RequestRejection("Invalid '" + name + "': decimal below minimum value. Expected a value >= "
                    + plain(min) + ", but got " + value.asText() + " instead.", name, "decimal_below_min_value");
        }
        if (v > max) {
            throw new RequestRejection("Invalid '" + name + "': decimal above maximum value. Expected a value <= "
                    + plain(max) + ", but got " + value.asText() + " instead.", name, "decimal_above_max_value");
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static boolean bool(JsonNode root, String name) throws RequestRejection {
        JsonNode value = root.get(name);
        if (!present(value)) return false;
        if (!value.isBoolean()) throw invalidType(name, "a boolean", value);
        return value.asBoolean();
    }

    private static void text(JsonNode root, String name) throws RequestRejection {
        JsonNode value = root.get(name);
        if (present(value) && !value.isTextual()) throw invalidType(name, "a string", value);
    }

    private static void stop(JsonNode stop) throws RequestRejection {
        if (!present(stop) || stop.isTextual()) return;
        if (!stop.isArray()) {
            throw new RequestRejection("Invalid type for 'stop': expected one of a string or an array of strings, "
                    + "but got " + RequestRules.typeName(stop) + " instead.", "stop", "invalid_type");
        }
        if (stop.size() > 4) {
            throw new RequestRejection("Invalid 'stop': array too long. Expected an array with maximum length 4, "
                    + "but got an array with length " + stop.size() + " instead.", "stop", "array_above_max_length");
        }
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) throw invalidType("stop[" + i + "]", "a string", stop.get(i));
        }
    }

    private static void seed(JsonNode seed) throws RequestRejection {
        if (!present(seed)) return;
        if (!seed.isIntegralNumber()) throw invalidType("seed", "an integer", seed);
        if (!seed.canConvertToLong()) {
            throw new RequestRejection("Invalid 'seed': integer above maximum value. Expected a value <= "
                    + Long.MAX_VALUE + ", but got " + seed.asText() + " instead.", "seed", "integer_above_max_value");
        }
    }

    private static void logitBias(JsonNode bias) throws RequestRejection {
        if (!present(bias)) return;
        if (!bias.isObject()) throw invalidType("logit_bias", "an object", bias);
        for (Iterator<String> tokens = bias.fieldNames(); tokens.hasNext(); ) {
            String token = tokens.next();
            JsonNode value = bias.get(token);
            String where = "logit_bias." + token;
            if (!value.isNumber()) throw invalidType(where, "a number", value);
            if (value.asDouble() < -100 || value.asDouble() > 100) {
                throw new RequestRejection("Invalid '" + where + "': expected a value between -100 and 100, but got "
                        + value.asText() + " instead.", where, "invalid_value");
            }
        }
    }

    private static void maxTokensLimit(JsonNode root, Integer maxTokens) throws RequestRejection {
        if (maxTokens == null || maxTokens <= MAX_COMPLETION_TOKENS) return;
        String name = present(root.get("max_tokens")) ? "max_tokens" : "max_completion_tokens";
        throw new RequestRejection(name + " is too large: " + root.get(name).asText() + ". This model supports at "
                + "most " + MAX_COMPLETION_TOKENS + " completion tokens, whereas you provided "
                + root.get(name).asText() + ".", name, null);
    }

    private static ChatOptions.Format format(JsonNode format, String allText) throws RequestRejection {
        if (!present(format)) return ChatOptions.Format.TEXT;
        if (!format.isObject()) throw invalidType("response_format", "an object", format);
        JsonNode type = format.get("type");
        if (!present(type)) {
            throw new RequestRejection("Missing required parameter: 'response_format.type'.", "response_format.type",
                    "missing_required_parameter");
        }
        String kind = type.asText();
        switch (type.isTextual() ? kind : "") {
            case "text":
                return ChatOptions.Format.TEXT;
            case "json_object":
                // Without it, a model in JSON mode may write whitespace until the limit: the services refuse.
                if (!allText.toLowerCase(java.util.Locale.ROOT).contains("json")) {
                    throw new RequestRejection("'messages' must contain the word 'json' in some form, to use "
                            + "'response_format' of type 'json_object'.", "messages", null);
                }
                return new ChatOptions.Format("json_object", null);
            case "json_schema":
                JsonNode schema = format.get("json_schema");
                if (!present(schema)) {
                    throw new RequestRejection("Missing required parameter: 'response_format.json_schema'.",
                            "response_format.json_schema", "missing_required_parameter");
                }
                if (!schema.isObject()) throw invalidType("response_format.json_schema", "an object", schema);
                JsonNode name = schema.get("name");
                if (!present(name)) {
                    throw new RequestRejection("Missing required parameter: 'response_format.json_schema.name'.",
                            "response_format.json_schema.name", "missing_required_parameter");
                }
                if (!name.isTextual()) throw invalidType("response_format.json_schema.name", "a string", name);
                JsonNode body = schema.get("schema");
                if (present(body) && !body.isObject()) {
                    throw invalidType("response_format.json_schema.schema", "an object", body);
                }
                return new ChatOptions.Format("json_schema", body);
            default:
                throw new RequestRejection("Invalid value: '" + kind + "'. Supported values are: 'text', "
                        + "'json_object', and 'json_schema'.", "response_format.type", "invalid_value");
        }
    }

    /** The function call the answer must make, or null for a message. */
    private static ChatOptions.ToolCall tools(JsonNode tools, JsonNode choice) throws RequestRejection {
        List<ChatOptions.ToolCall> functions = new ArrayList<>();
        if (present(tools)) {
            if (!tools.isArray()) throw invalidType("tools", "an array", tools);
            if (tools.size() > MAX_TOOLS) {
                throw new RequestRejection("Invalid 'tools': array too long. Expected an array with maximum length "
                        + MAX_TOOLS + ", but got an array with length " + tools.size() + " instead.", "tools",
                        "array_above_max_length");
            }
            for (int i = 0; i < tools.size(); i++) functions.add(function(tools.get(i), "tools[" + i + "]"));
        }
        if (!present(choice)) return null;
        if (functions.isEmpty()) {
            throw new RequestRejection("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' "
                    + "are specified.", "tool_choice", null);
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none", "auto" -> null; // the simulated model prefers to answer in words
                case "required" -> functions.get(0);
                default -> throw new RequestRejection("Invalid value: '" + choice.asText() + "'. Supported values "
                        + "are: 'none', 'auto', and 'required'.", "tool_choice", "invalid_value");
            };
        }
        if (!choice.isObject()) throw invalidType("tool_choice", "a string or an object", choice);
        JsonNode name = choice.path("function").get("name");
        if (!present(name) || !name.isTextual()) {
            throw new RequestRejection("Missing required parameter: 'tool_choice.function.name'.",
                    "tool_choice.function.name", "missing_required_parameter");
        }
        for (ChatOptions.ToolCall function : functions) {
            if (function.name().equals(name.asText())) return function;
        }
        throw new RequestRejection("Invalid value for 'tool_choice': function '" + name.asText() + "' is not one of "
                + "the 'tools'.", "tool_choice", "invalid_value");
    }

    private static ChatOptions.ToolCall function(JsonNode tool, String where) throws RequestRejection {
        if (!tool.isObject()) throw invalidType(where, "an object", tool);
        JsonNode type = tool.get("type");
        if (!present(type)) {
            throw new RequestRejection("Missing required parameter: '" + where + ".type'.", where + ".type",
                    "missing_required_parameter");
        }
        if (!"function".equals(type.asText())) {
            throw new RequestRejection("Invalid value: '" + type.asText() + "'. Supported values are: 'function'.",
                    where + ".type", "invalid_value");
        }
        JsonNode function = tool.get("function");
        if (!present(function)) {
            throw new RequestRejection("Missing required parameter: '" + where + ".function'.", where + ".function",
                    "missing_required_parameter");
        }
        JsonNode name = function.get("name");
        if (!present(name)) {
            throw new RequestRejection("Missing required parameter: '" + where + ".function.name'.",
                    where + ".function.name", "missing_required_parameter");
        }
        if (!name.isTextual() || !name.asText().matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new RequestRejection("Invalid '" + where + ".function.name': string does not match pattern. "
                    + "Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", where + ".function.name",
                    "invalid_value");
        }
        JsonNode parameters = function.get("parameters");
        if (present(parameters) && !parameters.isObject()) {
            throw invalidType(where + ".function.parameters", "an object", parameters);
        }
        return new ChatOptions.ToolCall(name.asText(), parameters);
    }

    private static RequestRejection invalidType(String name, String expected, JsonNode value) {
        return new RequestRejection("Invalid type for '" + name + "': expected " + expected + ", but got "
                + RequestRules.typeName(value) + " instead.", name, "invalid_type");
    }
}
