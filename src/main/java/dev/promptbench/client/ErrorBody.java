package dev.promptbench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;

/**
 * What an error response says about itself. Reads the OpenAI/Azure shape
 * {@code {"error":{"code","message","type","param","innererror"|"inner_error"}}} and the flat
 * shapes gateways and compatible servers use ({@code {"message","code"}}, {@code {"error":"..."}}).
 *
 * @param code      the error code as text ({@code 429}, {@code DeploymentNotFound}), else the type, or null
 * @param innerCode Azure's inner code ({@code ResponsibleAIPolicyViolation}) or null
 * @param message   the service's message, or null
 */
record ErrorBody(String code, String innerCode, String message) {

    /** Parses {@code bytes}; null when they are not a JSON object. */
    static ErrorBody parse(ObjectReader treeReader, byte[] bytes) {
        JsonNode root;
        try {
            root = treeReader.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
            return new ErrorBody(text(root.get("code")), null, error.asText());
        }
        JsonNode source = error != null && error.isObject() ? error : root;
        JsonNode inner = source.has("innererror") ? source.get("innererror") : source.get("inner_error");
        String code = text(source.get("code"));
        if (code == null) {
            code = text(source.get("type"));
        }
        String message = text(source.get("message"));
        if (message == null) {
            message = text(source.get("detail"));
        }
        return new ErrorBody(code, inner == null ? null : text(inner.get("code")), message);
    }

    /** A scalar as text (numbers included, since {@code code} is sometimes {@code 429}); else null. */
    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String value = node.asText();
        return value.isBlank() ? null : value;
    }
}
