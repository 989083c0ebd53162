package dev.promptbench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error response says about itself, in every shape seen in the wild: the OpenAI/Azure
 * {@code {"error":{"code","message","type","param","innererror"|"inner_error"}}}, the flat shapes of gateways
 * and compatible servers ({@code {"message","code"}}, {@code {"error":"Name","message":"..."}},
 * {@code {"error":"..."}}, {@code {"detail":...}}), and a gateway's HTML page (its title) or plain text.
 *
 * @param code      the error code as text ({@code 429}, {@code DeploymentNotFound}), else the type, or null
 * @param innerCode Azure's inner code ({@code ResponsibleAIPolicyViolation}) or null
 * @param message   the service's message, or null
 * @param type      the error's {@code type} ({@code tokens}, {@code insufficient_quota}), or null
 */
record ErrorBody(String code, String innerCode, String message, String type) {

    /** A body without a type. */
    ErrorBody(String code, String innerCode, String message) {
        this(code, innerCode, message, null);
    }

    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /**
     * Parses an error body of any shape: JSON as {@link #parse}, else an HTML page's title or a plain-text
     * body as the message; null when none of these gives anything.
     *
     * @param contentType the response's {@code Content-Type}, or null
     */
    static ErrorBody read(ObjectReader treeReader, byte[] bytes, String contentType) {
        ErrorBody json = parse(treeReader, bytes);
        if (json != null || bytes.length == 0) {
            return json;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (type.contains("html") || text.stripLeading().startsWith("<")) {
            Matcher title = TITLE.matcher(text);
            String message = title.find() ? unescape(TAG.matcher(title.group(1)).replaceAll(" ")).strip() : "";
            return message.isEmpty() ? null : new ErrorBody(null, null, message + " (HTML page)");
        }
        if (type.startsWith("text/plain")) {
            String message = text.strip();
            return message.isEmpty() ? null : new ErrorBody(null, null, message);
        }
        return null;
    }

    /** Parses {@code bytes}; null when they are not a JSON object (or an array holding one). */
    static ErrorBody parse(ObjectReader treeReader, byte[] bytes) {
        JsonNode root;
        try {
            root = treeReader.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
        if (root != null && root.isArray() && !root.isEmpty()) {
            // Some gateways (Google's among them) wrap the error object in an array.
            root = root.get(0);
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
            // {"error": "Unauthorized", "message": "Invalid API key"}: the error names the kind, the message says it.
            String message = text(root.get("message"));
            String code = text(root.get("code"));
            if (message == null) {
                return new ErrorBody(code, null, text(error));
            }
            return new ErrorBody(code != null ? code : text(error), null, message);
        }
        JsonNode source = error != null && error.isObject() ? error : root;
        JsonNode inner = source.has("innererror") ? source.get("innererror") : source.get("inner_error");
        String code = text(source.get("code"));
        if (code == null) {
            code = text(source.get("type"));
        }
        String message = text(source.get("message"));
        if (message == null) {
            message = detail(source.get("detail"));
        }
        if (message == null && source != root) {
            message = text(root.get("message"));
        }
        return new ErrorBody(code, inner == null ? null : text(inner.get("code")), message,
                text(source.get("type")));
    }

    /** FastAPI's {@code detail}: a string, or a list of {@code {"loc", "msg"}} of which the first is told. */
    private static String detail(JsonNode detail) {
        if (detail != null && detail.isArray() && !detail.isEmpty()) {
            return text(detail.get(0).get("msg"));
        }
        return text(detail);
    }

    /** A scalar as text (numbers included, since {@code code} is sometimes {@code 429}); else null. */
    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String value = node.asText();
        return value.isBlank() ? null : value;
    }

    /** The entities a page title holds in practice. */
    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
    }
}
