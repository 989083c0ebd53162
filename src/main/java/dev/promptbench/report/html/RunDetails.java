package dev.promptbench.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The header block: what ran against what, with which settings and which software. */
final class RunDetails {
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private final JsonNode header;
    private final String fileName;

    RunDetails(JsonNode header, String fileName) {
        this.header = header;
        this.fileName = fileName;
    }

    /** "20,000 prompts from p20k.txt against simulator gpt-4o-mini-sim". */
    String subtitle() {
        StringBuilder s = new StringBuilder();
        s.append(Markup.count(header.path("prompts").asLong())).append(" prompts from ")
                .append(text("prompt_file", "standard input"));
        JsonNode endpoint = header.path("endpoint");
        s.append(" against ").append(Markup.text(endpoint.path("kind").asText("an endpoint")));
        String target = endpoint.path("deployment").isTextual() ? endpoint.path("deployment").asText()
                : endpoint.path("model").asText("");
        if (!target.isEmpty()) s.append(' ').append(Markup.text(target));
        if (header.path("simulated").asBoolean(false)) s.append(" (simulated: no API calls, no cost)");
        s.append(" · started ").append(Markup.text(started()));
        return s.toString();
    }

    String markup() {
        List<String[]> items = new ArrayList<>();
        JsonNode endpoints = header.path("endpoints");
        if (!endpoints.isArray() || endpoints.isEmpty()) endpoints = header.path("endpoint").isObject()
                ? arrayOf(header.path("endpoint")) : arrayOf();
        int n = 0;
        for (JsonNode e : endpoints) {
            n++;
            String label = endpoints.size() > 1 ? "endpoint " + n : "endpoint";
            StringBuilder v = new StringBuilder();
            v.append(Markup.text(e.path("kind").asText("?")));
            if (e.path("name").isTextual() && !e.path("name").asText().equals(e.path("kind").asText())) {
                v.append(" “").append(Markup.text(e.path("name").asText())).append('”');
            }
            if (e.path("url").isTextual()) v.append("<br/><code>").append(Markup.text(e.path("url").asText())).append("</code>");
            items.add(new String[] {label, v.toString()});
            StringBuilder model = new StringBuilder();
            if (e.path("deployment").isTextual()) model.append("deployment ").append(Markup.text(e.path("deployment").asText()));
            if (e.path("model").isTextual()) {
                model.append(model.length() > 0 ? " · " : "").append("model ").append(Markup.text(e.path("model").asText()));
            }
            if (e.path("protocol").isTextual()) {
                model.append(model.length() > 0 ? " · " : "").append(Markup.text(e.path("protocol").asText()));
            }
            if (model.length() > 0) items.add(new String[] {endpoints.size() > 1 ? "model " + n : "model", model.toString()});
        }
        items.add(new String[] {"prompts", Markup.count(header.path("prompts").asLong()) + " from <code>"
                + text("prompt_file", "standard input") + "</code>"
                + (header.path("prompt_file_sha256").isTextual() ? " <small>sha256 "
                + Markup.text(abbreviate(header.path("prompt_file_sha256").asText())) + "</small>" : "")});
        items.add(new String[] {"config", config(header.path("config"))});
        JsonNode canary = header.path("canary");
        if (canary.isObject()) {
            items.add(new String[] {"canary", Markup.text(canary.path("status").asText("?"))
                    + (canary.path("latency_ms").isNumber() ? " in " + Markup.duration(canary.path("latency_ms").asDouble()) : "")
                    + (canary.path("message").isTextual() ? " · " + Markup.text(canary.path("message").asText()) : "")});
        }
        items.add(new String[] {"software", "promptbench " + text("promptbench_version", "?") + " · Java "
                + text("java", "?") + " · " + text("os", "?") + " · " + header.path("cores").asInt() + " cores"});
        items.add(new String[] {"started", Markup.text(started())});
        items.add(new String[] {"results file", "<code>" + Markup.text(fileName) + "</code>"});
        StringBuilder html = new StringBuilder("<dl class=\"meta\">");
        for (String[] item : items) {
            html.append("<div><dt>").append(item[0]).append("</dt><dd>").append(item[1]).append("</dd></div>");
        }
        return html.append("</dl>").toString();
    }

    private static String config(JsonNode c) {
        List<String> parts = new ArrayList<>();
        parts.add("mode " + Markup.text(c.path("mode").asText("?")));
        parts.add(c.path("threads").asInt() + " workers");
        if (c.path("order").isTextual()) parts.add("order " + Markup.text(c.path("order").asText()));
        parts.add(c.path("stream").asBoolean(false) ? "streamed" : "not streamed");
        for (String key : new String[] {"max_tokens", "temperature", "top_p", "seed"}) {
            if (c.path(key).isNumber()) parts.add(key + " " + Markup.text(c.path(key).asText()));
        }
        if (c.path("timeout_ms").isNumber()) parts.add("timeout " + Markup.duration(c.path("timeout_ms").asDouble()));
        if (c.path("connect_timeout_ms").isNumber()) {
            parts.add("connect timeout " + Markup.duration(c.path("connect_timeout_ms").asDouble()));
        }
        return String.join(" · ", parts);
    }

    private String text(String field, String fallback) {
        JsonNode node = header.path(field);
        return Markup.text(node.isValueNode() && !node.isNull() ? node.asText() : fallback);
    }

    /** The start as 2026-11-25 11:07:46 UTC; as written when it is not an instant. */
    private String started() {
        String raw = header.path("started_at").asText("?");
        try {
            return STARTED.format(Instant.parse(raw));
        } catch (DateTimeParseException e) {
            return raw;
        }
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    private static JsonNode arrayOf(JsonNode... nodes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonNode node : nodes) array.add(node);
        return array;
    }
}
