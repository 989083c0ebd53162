package dev.promptbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.run.Mode;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.Percentiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns the records of a results file back into report types: the inverse of {@link ResultsFile} and
 * {@link Json}. Unknown keys are ignored and missing ones read as absent, so older and newer files load.
 */
final class RecordDecoder {
    private RecordDecoder() {}

    /** The mode with this wire name, or null for a mode this version does not know. */
    static Mode mode(String wireName) {
        for (Mode mode : Mode.values()) {
            if (mode.wireName().equals(wireName)) return mode;
        }
        return null;
    }

    static EndpointInfo endpoint(JsonNode node) {
        return new EndpointInfo(text(node, "name"), text(node, "kind"), text(node, "url"), text(node, "deployment"),
                text(node, "model"), text(node, "protocol"));
    }

    static List<EndpointInfo> endpoints(JsonNode header) {
        List<EndpointInfo> endpoints = new ArrayList<>();
        header.path("endpoints").forEach(e -> endpoints.add(endpoint(e)));
        if (endpoints.isEmpty() && header.path("endpoint").isObject()) endpoints.add(endpoint(header.get("endpoint")));
        return endpoints;
    }

    static RunConfig config(JsonNode node) {
        return new RunConfig(text(node, "mode"), node.path("threads").asInt(1),
                node.hasNonNull("max_tokens") ? node.get("max_tokens").asInt() : null,
                node.hasNonNull("temperature") ? node.get("temperature").asDouble() : null,
                node.hasNonNull("top_p") ? node.get("top_p").asDouble() : null,
                node.hasNonNull("seed") ? node.get("seed").asLong() : null,
                node.path("stream").asBoolean(false), text(node, "order"),
                node.path("timeout_ms").asLong(), node.path("connect_timeout_ms").asLong());
    }

    /**
     * A mode's summary from its {@code summary} record. Percentiles come from the encoded histograms
     * (exactly the run's); a missing or unreadable histogram falls back to the rounded numbers beside it.
     * With {@code wall_ns} the wall time, and the rates derived from it, are the run's to the bit.
     *
     * @param notices told when a histogram could not be read
     */
    static ModeSummary summary(JsonNode node, Mode mode, Consumer<String> notices) {
        JsonNode histograms = node.path("histograms");
        Map<String, String> encoded = new LinkedHashMap<>();
        histograms.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) encoded.put(e.getKey(), e.getValue().asText());
        });
        Percentiles latency = percentiles(node, "latency_ms", encoded, "latency_us", 1000, notices);
        ModeSummary.StreamPercentiles stream = !node.has("ttft_ms") ? null : new ModeSummary.StreamPercentiles(
                percentiles(node, "ttft_ms", encoded, "ttft_us", 1000, notices),
                percentiles(node, "tpot_ms", encoded, "tpot_us", 1000, notices),
                percentiles(node, "chunk_gap_ms", encoded, "chunk_gap_us", 1000, notices),
                percentiles(node, "decode_tokens_per_s", encoded, "decode_tokens_per_s_x100", 100, notices),
                node.path("tokens_estimated").asLong());
        Percentiles queue = !node.has("queue_ms") ? null
                : percentiles(node, "queue_ms", encoded, "queue_us", 1000, notices);
        JsonNode rate = node.path("rate");
        ModeSummary.RateFigures rateFigures = !rate.isObject() ? null : new ModeSummary.RateFigures(
                text(rate, "arrival"), rate.path("asked_per_s").asDouble(), rate.path("achieved_per_s").asDouble());

        long requests = node.path("requests").asLong();
        long notRun = node.path("not_run").asLong();
        long completionTokens = node.path("tokens").path("completion").asLong();
        double wallMs = node.path("wall_ms").asDouble();
        double requestsPerS = node.path("requests_per_s").asDouble();
        double completionTokensPerS = node.path("completion_tokens_per_s").asDouble();
        if (node.path("wall_ns").canConvertToLong()) {
            // The exact wall: recompute what the run divided by it, in the same operations, so every digit matches.
            long wallNanos = node.get("wall_ns").asLong();
            double wallS = wallNanos / 1e9;
            wallMs = wallNanos / 1e6;
            requestsPerS = wallS > 0 ? (requests - notRun) / wallS : 0;
            completionTokensPerS = wallS > 0 ? completionTokens / wallS : 0;
        }
        Map<String, Long> errorsByKind = new TreeMap<>();
        node.path("errors_by_kind").fields().forEachRemaining(e -> errorsByKind.put(e.getKey(), e.getValue().asLong()));
        return new ModeSummary(mode, node.path("repeat").asInt(), node.path("threads").asInt(1), wallMs, requests,
                node.path("ok").asLong(), node.path("errors").asLong(), node.path("filtered").asLong(), notRun,
                requestsPerS, latency, stream, queue, rateFigures, node.path("tokens").path("prompt").asLong(),
                completionTokens, completionTokensPerS, number(node, "lower_bound_ms"), number(node, "efficiency"),
                Collections.unmodifiableMap(errorsByKind), node.path("retries").asLong(),
                node.path("rate_limited").asLong(), node.path("retries_after_send").asLong(),
                node.path("wait_ms").asDouble(), Collections.unmodifiableMap(encoded));
    }

    private static Percentiles percentiles(JsonNode node, String key, Map<String, String> encoded, String histogram,
                                           double unitsPerReported, Consumer<String> notices) {
        if (encoded.containsKey(histogram)) {
            try {
                return EncodedHistogram.percentiles(encoded.get(histogram), unitsPerReported);
            } catch (IllegalArgumentException e) {
                notices.accept("histogram " + histogram + " could not be read; using the rounded " + key
                        + " beside it");
            }
        }
        JsonNode p = node.path(key);
        if (!p.path("p50").isNumber()) return null;
        // Rounded to the microsecond like the JSON report, so the report prints the same numbers; the count is unknown.
        return new Percentiles(0, p.get("p50").asDouble(), p.path("p90").asDouble(), p.path("p95").asDouble(),
                p.path("p99").asDouble(), p.path("max").asDouble());
    }

    private static Double number(JsonNode node, String key) {
        return node.path(key).isNumber() ? node.get(key).asDouble() : null;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
