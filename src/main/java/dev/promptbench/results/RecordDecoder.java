package dev.promptbench.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.client.Attempts;
import dev.promptbench.client.ConnectionTimes;
import dev.promptbench.client.StreamMetrics;
import dev.promptbench.client.Usage;
import dev.promptbench.run.RequestError;
import dev.promptbench.run.RequestResult;
import dev.promptbench.run.RequestStatus;
import dev.promptbench.run.RequestTimes;
import dev.promptbench.run.Mode;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.Distribution;
import dev.promptbench.stats.Percentiles;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns the records of a results file back into typed values: the inverse of {@link ResultsWriter} and
 * {@link RecordJson}. Unknown keys are ignored and missing ones read as absent, so older and newer files
 * load. Request records, most of a file, are read field by field without a tree (the answer text is
 * skipped unread); the few other records as trees.
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
                text(node, "prompt_file"), text(node, "prompt_file_sha256"), node.path("prompts").asInt(),
                node.path("simulated").asBoolean(false), endpoints(node), config(node.path("config")),
                !canary.isObject() ? null : new CanaryReport(text(canary, "status"),
                        canary.path("http_status").isInt() ? canary.get("http_status").asInt() : null,
                        number(canary, "latency_ms"), text(canary, "message")), settings);
    }

    static ResumeMark resume(JsonNode node) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        node.path("remaining").fields().forEachRemaining(e -> remaining.put(e.getKey(), e.getValue().asInt()));
        return new ResumeMark(text(node, "promptbench_version"), text(node, "started_at"), remaining);
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
        Consumer<String> told = message -> notices.accept(mode.wireName() + ": " + message);
        JsonNode histograms = node.path("histograms");
        Map<String, String> encoded = new LinkedHashMap<>();
        histograms.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) encoded.put(e.getKey(), e.getValue().asText());
        });
        Percentiles latency = percentiles(node, "latency_ms", encoded, "latency_us", 1000, told);
        ModeSummary.StreamPercentiles stream = !node.has("ttft_ms") ? null : new ModeSummary.StreamPercentiles(
                percentiles(node, "ttft_ms", encoded, "ttft_us", 1000, told),
                percentiles(node, "tpot_ms", encoded, "tpot_us", 1000, told),
                percentiles(node, "chunk_gap_ms", encoded, "chunk_gap_us", 1000, told),
                percentiles(node, "decode_tokens_per_s", encoded, "decode_tokens_per_s_x100", 100, told),
                node.path("tokens_estimated").asLong());
        Percentiles queue = !node.has("queue_ms") ? null
                : percentiles(node, "queue_ms", encoded, "queue_us", 1000, told);
        JsonNode rate = node.path("rate");
        ModeSummary.RateFigures rateFigures = !rate.isObject() ? null : new ModeSummary.RateFigures(
                text(rate, "arrival"), rate.path("asked_per_s").asDouble(), rate.path("achieved_per_s").asDouble());

        long requests = node.path("requests").asLong();
        long notRun = node.path("not_run").asLong();
        JsonNode tokens = node.path("tokens");
        Long completionTokens = tokens.path("completion").isNumber() ? tokens.get("completion").asLong() : null;
        double wallMs = node.path("wall_ms").asDouble();
        double requestsPerS = node.path("requests_per_s").asDouble();
        Double completionTokensPerS = number(node, "completion_tokens_per_s");
        if (node.path("wall_ns").canConvertToLong()) {
            // The exact wall: recompute what the run divided by it, in the same operations, so every digit matches.
            long wallNanos = node.get("wall_ns").asLong();
            double wallS = wallNanos / 1e9;
            wallMs = wallNanos / 1e6;
            requestsPerS = wallS > 0 ? (requests - notRun) / wallS : 0;
            if (completionTokens != null) completionTokensPerS = wallS > 0 ? completionTokens / wallS : 0;
        }
        ModeSummary.Tokens summed = new ModeSummary.Tokens(
                tokens.path("prompt").isNumber() ? tokens.get("prompt").asLong() : null, completionTokens,
                completionTokens == null ? null : completionTokensPerS, tokens.path("answers_without_usage").asLong());
        Map<String, Long> errorsByKind = new TreeMap<>();
        node.path("errors_by_kind").fields().forEachRemaining(e -> errorsByKind.put(e.getKey(), e.getValue().asLong()));
        return new ModeSummary(mode, node.path("repeat").asInt(), node.path("threads").asInt(1), wallMs, requests,
                node.path("ok").asLong(), node.path("errors").asLong(), node.path("filtered").asLong(), notRun,
                requestsPerS, latency, stream, queue, rateFigures, summed, number(node, "lower_bound_ms"),
                number(node, "efficiency"),
                Collections.unmodifiableMap(errorsByKind), node.path("retries").asLong(),
                node.path("rate_limited").asLong(), node.path("retries_after_send").asLong(),
                node.path("wait_ms").asDouble(), Collections.unmodifiableMap(encoded));
    }

    private static Percentiles percentiles(JsonNode node, String key, Map<String, String> encoded, String histogram,
                                           double unitsPerReported, Consumer<String> notices) {
        if (encoded.containsKey(histogram)) {
            try {
                return Distribution.decode(encoded.get(histogram), unitsPerReported);
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

    /**
     * One request record, from a parser just inside its object (any fields already read are skipped
     * by the caller); the parser ends at the object's end.
     *
     * @return the record, or null when its mode is one this version does not know ({@code unknownMode} is told)
     */
    static RequestResult request(JsonParser p, Consumer<String> unknownMode) throws IOException {
        RequestFields f = new RequestFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            f.read(field, value, p);
        }
        Mode mode = mode(f.mode);
        if (mode == null) {
            unknownMode.accept(f.mode);
            return null;
        }
        return f.toResult(mode);
    }

    /** The fields of one request record as they are read, in any order. */
    private static final class RequestFields {
        String mode = "";
        int repeat;
        int index = -1;
        String id;
        boolean warmup;
        String status = "";
        String finishReason;
        Integer httpStatus;
        RequestError error;
        int attempts = 1;
        int rateLimited;
        int retriesAfterSend;
        double waitMs;
        double startMs;
        double endMs;
        double latencyMs;
        double queueMs;
        Double ttftMs;
        Double tpotMs;
        int chunks;
        double gapP50Ms;
        double gapMaxMs;
        boolean tokensEstimated;
        Double dnsMs;
        double connectMs;
        double tlsMs;
        double headersMs;
        String protocol;
        boolean reused;
        Usage usage;
        int lane = -1;
        String endpoint;
        String requestId;
        String model;
        String answer;

        void read(String field, JsonToken value, JsonParser p) throws IOException {
            switch (field) {
                case "mode" -> mode = p.getValueAsString("");
                case "repeat" -> repeat = p.getValueAsInt(0);
                case "index" -> index = p.getValueAsInt(-1);
                case "id" -> id = p.getValueAsString();
                case "warmup" -> warmup = p.getValueAsBoolean(false);
                case "status" -> status = p.getValueAsString("");
                case "finish_reason" -> finishReason = p.getValueAsString();
                case "http_status" -> httpStatus = value.isNumeric() ? p.getIntValue() : null;
                case "error" -> error = value == JsonToken.START_OBJECT ? error(p) : null;
                case "attempts" -> attempts = p.getValueAsInt(1);
                case "rate_limited" -> rateLimited = p.getValueAsInt(0);
                case "retries_after_send" -> retriesAfterSend = p.getValueAsInt(0);
                case "wait_ms" -> waitMs = p.getValueAsDouble(0);
                case "start_offset_ms" -> startMs = p.getValueAsDouble(0);
                case "end_offset_ms" -> endMs = p.getValueAsDouble(0);
                case "latency_ms" -> latencyMs = p.getValueAsDouble(0);
                case "queue_ms" -> queueMs = p.getValueAsDouble(0);
                case "ttft_ms" -> ttftMs = value.isNumeric() ? p.getDoubleValue() : null;
                case "tpot_ms" -> tpotMs = value.isNumeric() ? p.getDoubleValue() : null;
                case "chunks" -> chunks = p.getValueAsInt(0);
                case "chunk_gap_ms" -> {
                    if (value == JsonToken.START_OBJECT) {
                        double[] gap = gap(p);
                        gapP50Ms = gap[0];
                        gapMaxMs = gap[1];
                    }
                }
                case "tokens_estimated" -> tokensEstimated = p.getValueAsBoolean(false);
                case "dns_ms" -> dnsMs = value.isNumeric() ? p.getDoubleValue() : null;
                case "connect_ms" -> connectMs = p.getValueAsDouble(0);
                case "tls_ms" -> tlsMs = p.getValueAsDouble(0);
                case "headers_ms" -> headersMs = p.getValueAsDouble(0);
                case "protocol" -> protocol = p.getValueAsString();
                case "reused_connection" -> reused = p.getValueAsBoolean(false);
                case "tokens" -> usage = value == JsonToken.START_OBJECT ? usage(p) : null;
                case "lane" -> lane = p.getValueAsInt(-1);
                case "endpoint" -> endpoint = p.getValueAsString();
                case "request_id" -> requestId = p.getValueAsString();
                case "model" -> model = p.getValueAsString();
                case "answer" -> answer = p.getValueAsString();
                default -> p.skipChildren();
            }
        }

        RequestResult toResult(Mode mode) {
            long start = nanos(startMs);
            RequestTimes times = new RequestTimes(start - nanos(queueMs), start, nanos(endMs), nanos(latencyMs));
            return new RequestResult(mode, repeat, index, id, warmup, status(), finishReason, httpStatus, error,
                    new Attempts(attempts, nanos(waitMs), rateLimited, retriesAfterSend), times, usage, stream(),
                    dnsMs == null ? null : new ConnectionTimes(nanos(dnsMs), nanos(connectMs), nanos(tlsMs),
                            nanos(headersMs), protocol, reused),
                    lane, endpoint, requestId, model, answer);
        }

        /** An unknown status counts as an error, as it cannot be counted as an answer. */
        private RequestStatus status() {
            for (RequestStatus s : RequestStatus.values()) {
                if (s.wireName().equals(status)) return s;
            }
            return RequestStatus.ERROR;
        }

        /**
         * The stream's timing as recorded: its first token, gaps and pace. The file keeps the time per
         * token rather than the last token's instant, so the last instant is rebuilt from it (over
         * however many tokens: the pace comes out the same).
         */
        private StreamMetrics stream() {
            if (ttftMs == null) return null;
            long first = nanos(ttftMs);
            int tokens = tpotMs == null ? 0 : Math.max(2, usage == null ? 2 : usage.visibleTokens());
            long last = tpotMs == null ? first : first + Math.round(tpotMs * 1e6 * (tokens - 1));
            return new StreamMetrics(first, last, chunks, nanos(gapP50Ms), nanos(gapMaxMs), tokens, tokensEstimated);
        }

        private static RequestError error(JsonParser p) throws IOException {
            String kind = null;
            String code = null;
            String message = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "kind" -> kind = p.getValueAsString();
                    case "code" -> code = p.getValueAsString();
                    case "message" -> message = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            return new RequestError(kind == null ? "unknown" : kind, code, message);
        }

        private static Usage usage(JsonParser p) throws IOException {
            int prompt = 0;
            int completion = 0;
            Integer reasoning = null;
            Integer cached = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "prompt" -> prompt = p.getValueAsInt(0);
                    case "completion" -> completion = p.getValueAsInt(0);
                    // Older files lack these: unknown, not 0.
                    case "reasoning" -> reasoning = value.isNumeric() ? p.getIntValue() : null;
                    case "cached" -> cached = value.isNumeric() ? p.getIntValue() : null;
                    default -> p.skipChildren();
                }
            }
            return new Usage(prompt, completion, reasoning, cached);
        }

        private static double[] gap(JsonParser p) throws IOException {
            double[] gap = new double[2];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("p50")) gap[0] = p.getValueAsDouble(0);
                else if (field.equals("max")) gap[1] = p.getValueAsDouble(0);
                else p.skipChildren();
            }
            return gap;
        }

        /** Milliseconds as written (to the microsecond) back to nanoseconds. */
        private static long nanos(double ms) {
            return Math.round(ms * 1e6);
        }
    }

    private static Double number(JsonNode node, String key) {
        return node.path(key).isNumber() ? node.get(key).asDouble() : null;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
