package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * A JSON value that a JSON schema accepts, for answers in JSON mode, structured outputs and tool call
 * arguments: every property given, the first of an enum, a sample of the answer's words for strings.
 * It covers what such schemas use (object, array, string, number, integer, boolean, null, enum, const,
 * anyOf/oneOf); anything else gets a string.
 */
final class JsonInstance {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Nesting past this gets a string: a recursive schema must not recurse forever. */
    private static final int MAX_DEPTH = 8;
    private static final int WORDS_PER_STRING = 6;

    private JsonInstance() {}

    /**
     * A value for {@code schema}; with no schema (JSON mode), an object holding the whole text.
     *
     * @param text the answer's words, from which strings are taken
     */
    static JsonNode of(JsonNode schema, String text) {
        if (schema == null || schema.isNull() || schema.isEmpty()) {
            return JSON.objectNode().put("answer", text.strip());
        }
        return value(schema, text.strip(), 0);
    }

    private static JsonNode value(JsonNode schema, String text, int depth) {
        if (schema.has("const")) return schema.get("const");
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) return schema.get("enum").get(0);
        for (String choice : new String[] {"anyOf", "oneOf"}) {
            if (schema.path(choice).isArray() && !schema.path(choice).isEmpty()) {
                return value(schema.get(choice).get(0), text, depth + 1);
            }
        }
        JsonNode type = schema.path("type");
        String kind = type.isArray() ? firstNonNull(type) : type.asText("");
        if (depth > MAX_DEPTH) kind = "string";
        return switch (kind) {
            case "object" -> object(schema, text, depth);
            case "array" -> {
                ArrayNode array = JSON.arrayNode();
                array.add(value(schema.path("items"), text, depth + 1));
                yield array;
            }
            case "integer" -> JSON.numberNode(7);
            case "number" -> JSON.numberNode(3.5);
            case "boolean" -> JSON.booleanNode(true);
            case "null" -> JSON.nullNode();
            default -> JSON.textNode(words(text));
        };
    }

    private static ObjectNode object(JsonNode schema, String text, int depth) {
        ObjectNode object = JSON.objectNode();
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            object.set(name, value(schema.get("properties").get(name), text, depth + 1));
        }
        return object;
    }

    private static String firstNonNull(JsonNode types) {
        for (JsonNode type : types) {
            if (!"null".equals(type.asText())) return type.asText();
        }
        return "null";
    }

    private static String words(String text) {
        String[] words = text.split(" ");
        if (words.length <= WORDS_PER_STRING) return text;
        return String.join(" ", java.util.Arrays.copyOf(words, WORDS_PER_STRING));
    }
}
