package dev.promptbench.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * The type checks a JSONL line's request fields and messages pass on load, so a prompt the service would
 * reject for its shape ({@code "max_tokens": "ten"}, a role of {@code robot}) stops the run before anything
 * is sent. Unknown fields are passed through unchecked: the service knows them better.
 */
final class FieldRules {

    private static final String ROLES = "system, developer, user, assistant, tool or function";
    private static final Set<String> ROLE_NAMES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final int MAX_VALUE = 40;

    /** What a known field must hold. */
    private enum Rule {
        POSITIVE_INTEGER("a positive integer"),
        INTEGER("an integer"),
        NON_NEGATIVE_INTEGER("an integer of at least 0"),
        TEMPERATURE("a number from 0 to 2"),
        UNIT("a number from 0 to 1"),
        PENALTY("a number from -2 to 2"),
        BOOLEAN("true or false"),
        STRING("a string"),
        OBJECT("an object"),
        ARRAY("an array"),
        STRING_OR_OBJECT("a string or an object"),
        STOP("a string or an array of strings");

        private final String expected;

        Rule(String expected) { this.expected = expected; }

        boolean accepts(JsonNode value) {
            return switch (this) {
                case POSITIVE_INTEGER -> value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 1;
                case INTEGER -> value.isIntegralNumber() && value.canConvertToLong();
                case NON_NEGATIVE_INTEGER -> value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0;
                case TEMPERATURE -> value.isNumber() && value.doubleValue() >= 0 && value.doubleValue() <= 2;
                case UNIT -> value.isNumber() && value.doubleValue() >= 0 && value.doubleValue() <= 1;
                case PENALTY -> value.isNumber() && value.doubleValue() >= -2 && value.doubleValue() <= 2;
                case BOOLEAN -> value.isBoolean();
                case STRING -> value.isTextual();
                case OBJECT -> value.isObject();
                case ARRAY -> value.isArray();
                case STRING_OR_OBJECT -> value.isTextual() || value.isObject();
                case STOP -> value.isTextual() || (value.isArray() && allText(value));
            };
        }
    }

    private static final Map<String, Rule> FIELDS = Map.ofEntries(
            Map.entry("max_tokens", Rule.POSITIVE_INTEGER),
            Map.entry("max_completion_tokens", Rule.POSITIVE_INTEGER),
            Map.entry("n", Rule.POSITIVE_INTEGER),
            Map.entry("seed", Rule.INTEGER),
            Map.entry("top_logprobs", Rule.NON_NEGATIVE_INTEGER),
            Map.entry("temperature", Rule.TEMPERATURE),
            Map.entry("top_p", Rule.UNIT),
            Map.entry("presence_penalty", Rule.PENALTY),
            Map.entry("frequency_penalty", Rule.PENALTY),
            Map.entry("logprobs", Rule.BOOLEAN),
            Map.entry("parallel_tool_calls", Rule.BOOLEAN),
            Map.entry("store", Rule.BOOLEAN),
            Map.entry("user", Rule.STRING),
            Map.entry("reasoning_effort", Rule.STRING),
            Map.entry("response_format", Rule.OBJECT),
            Map.entry("logit_bias", Rule.OBJECT),
            Map.entry("metadata", Rule.OBJECT),
            Map.entry("stream_options", Rule.OBJECT),
            Map.entry("tools", Rule.ARRAY),
            Map.entry("tool_choice", Rule.STRING_OR_OBJECT),
            Map.entry("stop", Rule.STOP));

    private FieldRules() {}

    /** Why request field {@code name} cannot be sent as {@code value}, or null when it can (or is unknown). */
    static String checkField(String name, JsonNode value) {
        if ("stream".equals(name)) {
            return "\"stream\" is not a per-prompt field (--stream asks for streamed answers)";
        }
        Rule rule = FIELDS.get(name);
        if (rule == null || rule.accepts(value)) {
            return null;
        }
        // A number of the wrong size is named as it is ("not 3"), not as "a number (3)": its type was right.
        return "\"" + name + "\" must be " + rule.expected + ", not "
                + (value.isNumber() ? value.asText() : describe(value));
    }

    /** Why message {@code i} cannot be sent, or null when it can. */
    static String checkMessage(int i, JsonNode message) {
        String where = "messages[" + i + "]";
        if (!message.isObject()) {
            return where + " must be an object, not " + describe(message);
        }
        JsonNode role = message.get("role");
        if (role == null || !role.isTextual()) {
            return where + " needs a string \"role\"";
        }
        if (!ROLE_NAMES.contains(role.textValue())) {
            return where + ".role must be " + ROLES + ", not \"" + role.textValue() + "\"";
        }
        JsonNode name = message.get("name");
        if (name != null && !name.isTextual()) {
            return where + ".name must be a string, not " + describe(name);
        }
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            // An assistant turn that only called tools has no content; every other turn needs some.
            return "assistant".equals(role.textValue()) ? null
                    : where + " needs \"content\" (a string or an array of parts)";
        }
        if (content.isTextual()) {
            return null;
        }
        if (!content.isArray()) {
            return where + ".content must be a string or an array of parts, not " + describe(content);
        }
        for (int p = 0; p < content.size(); p++) {
            JsonNode part = content.get(p);
            String at = where + ".content[" + p + "]";
            if (!part.isObject() || !part.path("type").isTextual()) {
                return at + " must be an object with a string \"type\", not " + describe(part);
            }
            if ("text".equals(part.get("type").textValue()) && !part.path("text").isTextual()) {
                return at + " is a text part without a string \"text\"";
            }
        }
        return null;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) return false;
        }
        return true;
    }

    /** {@code an array}, {@code a string}, ...: what a JSON value is, in words. */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }

    /** {@code a string ("ten")}, {@code a number (3.5)}, {@code an object}. */
    static String describe(JsonNode node) {
        String kind = kind(node);
        if (!node.isValueNode() || node.isNull()) {
            return kind;
        }
        String text = node.isTextual() ? "\"" + node.textValue() + "\"" : node.asText();
        return kind + " (" + (text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "..." : text) + ")";
    }
}
