package dev.promptbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.ServiceTier;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the records of a results file back into typed values: the inverse of {@link ResultsWriter} and
 * {@link RecordJson}. Unknown keys are ignored and missing ones read as absent, so older and newer files
 * load. Request records are {@link RequestRecord}'s; the few other records are read as trees.
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

    static RunHeader header(JsonNode node) {
        Instant startedAt;
        try {
            startedAt = Instant.parse(node.path("started_at").asText(""));
        } catch (DateTimeParseException e) {
            startedAt = null;
        }
        JsonNode canary = node.path("canary");
        Map<String, String> settings = new LinkedHashMap<>();
        node.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        return new RunHeader(text(node, "promptbench_version"), startedAt,
                new RunHeader.Machine(text(node, "java"), text(node, "os"), node.path("cores").asInt()),
                new RunHeader.Prompts(text(node, "prompt_file"), text(node, "prompt_file_sha256"),
                        node.path("prompts").asInt()),
                node.path("simulated").asBoolean(false), endpoints(node), config(node.path("config")),
                !canary.isObject() ? null : new CanaryReport(text(canary, "status"),
                        canary.path("http_status").isInt() ? canary.get("http_status").asInt() : null,
                        number(canary, "latency_ms"), text(canary, "message")), settings);
    }

    /** The parts a Batch API run's header lists, for the timeline; a time the file lacks is null. */
    static List<BatchPartInfo> batchParts(JsonNode header) {
        List<BatchPartInfo> parts = new ArrayList<>();
        for (JsonNode p : header.path("parts")) {
            parts.add(new BatchPartInfo(p.path("part").asInt(), p.path("round").asInt(), text(p, "batch_id"),
                    text(p, "status"), p.path("prompts").asInt(),
                    new RequestCounts(integer(p, "total"), integer(p, "completed"), integer(p, "failed")),
                    new BatchPartInfo.Times(instant(p, "created_at"), instant(p, "in_progress_at"),
                            instant(p, "finalizing_at"), instant(p, "ended_at"))));
        }
        return List.copyOf(parts);
    }

    /** The summary record of a Batch API run. */
    static BatchSummary batchSummary(JsonNode node) {
        return new BatchSummary(node.path("prompts").asInt(), node.path("ok").asInt(), node.path("filtered").asInt(),
                node.path("errors").asInt(), node.path("not_run").asInt(), number(node, "wall_ms"),
                node.path("prompt_tokens").isIntegralNumber() ? node.get("prompt_tokens").asLong() : null,
                node.path("completion_tokens").isIntegralNumber() ? node.get("completion_tokens").asLong() : null,
                node.path("unjoined_lines").asInt());
    }

    private static Integer integer(JsonNode node, String key) {
        return node.path(key).isIntegralNumber() ? node.get(key).asInt() : null;
    }

    private static Instant instant(JsonNode node, String key) {
        try {
            return node.path(key).isTextual() ? Instant.parse(node.get(key).asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static ResumeMark resume(JsonNode node) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        node.path("remaining").fields().forEachRemaining(e -> remaining.put(e.getKey(), e.getValue().asInt()));
        return new ResumeMark(text(node, "promptbench_version"), text(node, "started_at"), remaining);
    }

    static RunConfig config(JsonNode node) {
        return new RunConfig(RunKind.parse(text(node, "mode")), node.path("threads").asInt(1),
                new RunConfig.Sampling(node.hasNonNull("max_tokens") ? node.get("max_tokens").asInt() : null,
                        node.hasNonNull("temperature") ? node.get("temperature").asDouble() : null,
                        node.hasNonNull("top_p") ? node.get("top_p").asDouble() : null,
                        node.hasNonNull("seed") ? node.get("seed").asLong() : null),
                node.path("stream").asBoolean(false), text(node, "order"),
                new RunConfig.Timeouts(node.path("timeout_ms").asLong(), node.path("connect_timeout_ms").asLong()),
                ServiceTier.parse(text(node, "service_tier")).orElse(null), text(node, "prices"));
    }

    static Double number(JsonNode node, String key) {
        return node.path(key).isNumber() ? node.get(key).asDouble() : null;
    }

    static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
