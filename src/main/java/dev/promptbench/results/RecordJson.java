package dev.promptbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.Distribution;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.Percentiles;
import dev.promptbench.stats.Spread;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The JSON shapes the results file and the {@code --format json} report share (schema version 1): an
 * endpoint, the run's config and one mode's statistics have the same keys in both. A mode's statistics are
 * written ({@link #mode}) and read back ({@link #readMode}) here, side by side.
 */
public final class RecordJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {}

    public static ObjectNode endpoint(EndpointInfo info) {
        ObjectNode node = NODES.objectNode();
        node.put("name", info.name());
        node.put("kind", info.kind());
        node.put("url", info.url());
        node.put("deployment", info.deployment());
        node.put("model", info.model());
        node.put("protocol", info.protocol());
        return node;
    }

    public static ObjectNode config(RunConfig config) {
        ObjectNode node = NODES.objectNode();
        node.put("mode", config.mode() == null ? null : config.mode().wireName());
        // A batch has no workers or timeouts of ours: null, not the placeholders it is built with.
        node.put("threads", config.batch() ? null : config.threads());
        RunConfig.Sampling sampling = config.sampling();
        node.put("max_tokens", sampling.maxTokens());
        node.put("temperature", sampling.temperature());
        node.put("top_p", sampling.topP());
        node.put("seed", sampling.seed());
        node.put("stream", config.stream());
        node.put("order", config.order());
        node.put("timeout_ms", config.batch() ? null : config.timeouts().requestMs());
        node.put("connect_timeout_ms", config.batch() ? null : config.timeouts().connectMs());
        if (config.serviceTier() != null) node.put("service_tier", config.serviceTier().wireName());
        if (config.prices() != null) node.put("prices", config.prices());
        return node;
    }

    public static ObjectNode spread(Spread spread, int decimals) {
        ObjectNode node = NODES.objectNode();
        if (spread == null) return node;
        double scale = Math.pow(10, decimals);
        node.put("kind", spread.kind().wireName());
        node.put("median", Math.round(spread.median() * scale) / scale);
        node.put("low", Math.round(spread.low() * scale) / scale);
        node.put("high", Math.round(spread.high() * scale) / scale);
        return node;
    }

    /** One mode's numbers: the same keys in {@code --format json} and in summary records. */
    public static ObjectNode mode(ModeSummary summary) {
        ObjectNode node = NODES.objectNode();
        node.put("threads", summary.mode() == Mode.BATCH ? null : summary.threads());
        node.put("wall_ms", round(summary.wallMs()));
        node.put("requests", summary.requests());
        node.put("ok", summary.ok());
        node.put("errors", summary.errors());
        node.put("filtered", summary.filtered());
        node.put("refused", summary.refused());
        node.put("not_run", summary.notRun());
        node.put("requests_per_s", round(summary.requestsPerS()));
        node.set("latency_ms", percentiles(summary.latency()));
        if (summary.stream() != null) {
            node.set("ttft_ms", percentiles(summary.stream().ttft()));
            node.set("tpot_ms", percentiles(summary.stream().tpot()));
            node.set("chunk_gap_ms", percentiles(summary.stream().chunkGap()));
            node.set("decode_tokens_per_s", percentiles(summary.stream().decodeTokensPerS()));
            node.put("tokens_estimated", summary.stream().estimatedTokens());
            // Only where a stream showed reasoning: absent, not null percentiles, for every other run.
            if (summary.stream().firstReasoning() != null) {
                node.set("first_reasoning_ms", percentiles(summary.stream().firstReasoning()));
            }
        }
        if (summary.queue() != null) node.set("queue_ms", percentiles(summary.queue()));
        if (summary.rate() != null) {
            ObjectNode rate = node.putObject("rate");
            rate.put("arrival", summary.rate().arrival());
            rate.put("asked_per_s", round(summary.rate().asked()));
            rate.put("achieved_per_s", round(summary.rate().achieved()));
        }
        ObjectNode tokens = node.putObject("tokens");
        tokens.put("prompt", summary.tokens().prompt());
        tokens.put("completion", summary.tokens().completion());
        tokens.put("reasoning", summary.tokens().reasoning());
        tokens.put("cached", summary.tokens().cached());
        tokens.put("reasoning_share", share(summary.tokens().reasoningShare()));
        tokens.put("cached_share", share(summary.tokens().cachedShare()));
        tokens.put("answers_without_usage", summary.tokens().withoutUsage());
        node.put("completion_tokens_per_s", summary.tokens().completionPerS() == null ? null
                : round(summary.tokens().completionPerS()));
        ModeSummary.Billing billing = summary.billing();
        ObjectNode cost = node.putObject("cost");
        cost.put("total", billing.cost() == null ? null : roundCost(billing.cost()));
        cost.put("per_1k_prompts", billing.costPer1k() == null ? null : roundCost(billing.costPer1k()));
        cost.put("priced", billing.priced());
        cost.put("unpriced", billing.unpriced());
        ObjectNode tiers = node.putObject("served_tiers");
        new TreeMap<>(billing.servedTiers()).forEach(tiers::put);
        ObjectNode errors = node.putObject("errors_by_kind");
        summary.errorsByKind().forEach(errors::put);
        if (summary.attemptsKnown()) {
            node.put("retries", summary.retries());
            node.put("rate_limited", summary.rateLimited());
            ObjectNode byCause = node.putObject("rate_limited_by_cause");
            summary.rateLimitedBy().forEach(byCause::put);
            node.put("retries_after_send", summary.retriesAfterSend());
            node.put("wait_ms", round(summary.waitMs()));
        } else {
            // The Batch API does not say: unknown, never 0.
            for (String unknown : List.of("retries", "rate_limited", "rate_limited_by_cause", "retries_after_send",
                    "wait_ms")) {
                node.putNull(unknown);
            }
        }
        if (summary.lowerBoundMs() != null) node.put("lower_bound_ms", round(summary.lowerBoundMs()));
        if (summary.lowerBoundMs() != null) node.put("efficiency", summary.efficiency() == null
                ? null : round4(summary.efficiency()));
        return node;
    }

    /**
     * A mode's summary from its {@code summary} record. Percentiles come from the encoded histograms
     * (exactly the run's); a missing or unreadable histogram falls back to the rounded numbers beside it.
     * With {@code wall_ns} the wall time, and the rates derived from it, are the run's to the bit.
     *
     * @param notices told when a histogram could not be read
     */
    public static ModeSummary readMode(JsonNode node, Mode mode, Consumer<String> notices) {
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
                node.path("tokens_estimated").asLong(),
                !node.has("first_reasoning_ms") ? null
                        : percentiles(node, "first_reasoning_ms", encoded, "first_reasoning_us", 1000, told));
        Percentiles queue = !node.has("queue_ms") ? null
                : percentiles(node, "queue_ms", encoded, "queue_us", 1000, told);
        JsonNode rate = node.path("rate");
        ModeSummary.RateFigures rateFigures = !rate.isObject() ? null : new ModeSummary.RateFigures(
                RecordDecoder.text(rate, "arrival"), rate.path("asked_per_s").asDouble(), rate.path("achieved_per_s").asDouble());

        long requests = node.path("requests").asLong();
        long notRun = node.path("not_run").asLong();
        JsonNode tokens = node.path("tokens");
        Long completionTokens = tokens.path("completion").isNumber() ? tokens.get("completion").asLong() : null;
        double wallMs = node.path("wall_ms").asDouble();
        double requestsPerS = node.path("requests_per_s").asDouble();
        Double completionTokensPerS = RecordDecoder.number(node, "completion_tokens_per_s");
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
                completionTokens == null ? null : completionTokensPerS, tokens.path("answers_without_usage").asLong(),
                longOrNull(tokens, "reasoning"), longOrNull(tokens, "cached"),
                RecordDecoder.number(tokens, "reasoning_share"), RecordDecoder.number(tokens, "cached_share"));
        JsonNode cost = node.path("cost");
        Map<String, Long> served = new TreeMap<>();
        node.path("served_tiers").fields().forEachRemaining(e -> served.put(e.getKey(), e.getValue().asLong()));
        ModeSummary.Billing billing = new ModeSummary.Billing(RecordDecoder.number(cost, "total"),
                RecordDecoder.number(cost, "per_1k_prompts"), cost.path("priced").asLong(),
                cost.path("unpriced").asLong(), served);
        Map<String, Long> errorsByKind = new TreeMap<>();
        node.path("errors_by_kind").fields().forEachRemaining(e -> errorsByKind.put(e.getKey(), e.getValue().asLong()));
        return new ModeSummary(mode, node.path("repeat").asInt(), node.path("threads").asInt(1),
                new ModeSummary.Wall(wallMs, requestsPerS, RecordDecoder.number(node, "lower_bound_ms"), RecordDecoder.number(node, "efficiency")),
                new ModeSummary.Counts(requests, node.path("ok").asLong(), node.path("errors").asLong(),
                        node.path("filtered").asLong(), notRun, Collections.unmodifiableMap(errorsByKind),
                        longOrNull(node, "refused")),
                new ModeSummary.Timing(latency, stream, queue, Collections.unmodifiableMap(encoded)), rateFigures,
                summed, new ModeSummary.AttemptTotals(node.path("retries").asLong(), node.path("rate_limited").asLong(),
                        node.path("retries_after_send").asLong(), node.path("wait_ms").asDouble(), byCause(node)),
                billing);
    }

    /** A summary's 429s by cause; null (all unknown) for a file written before causes were told. */
    private static Map<String, Long> byCause(JsonNode node) {
        JsonNode causes = node.get("rate_limited_by_cause");
        if (causes == null || !causes.isObject()) return null;
        Map<String, Long> byCause = new LinkedHashMap<>();
        causes.fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) byCause.put(e.getKey(), e.getValue().asLong());
        });
        return byCause.values().stream().mapToLong(Long::longValue).sum() == node.path("rate_limited").asLong()
                ? byCause : null;
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

    private static ObjectNode percentiles(Percentiles latency) {
        ObjectNode node = NODES.objectNode();
        if (latency == null) {
            for (String key : new String[] {"p50", "p90", "p95", "p99", "max"}) node.putNull(key);
            return node;
        }
        node.put("p50", round(latency.p50()));
        node.put("p90", round(latency.p90()));
        node.put("p95", round(latency.p95()));
        node.put("p99", round(latency.p99()));
        node.put("max", round(latency.max()));
        return node;
    }

    /** Milliseconds to three decimals (microseconds): enough, and stable in golden files. */
    public static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    /**
     * A cost to ten significant digits: one request can cost a few millionths, and the sums and golden
     * files should not carry binary noise.
     */
    public static double roundCost(double value) {
        return value == 0 || !Double.isFinite(value) ? value
                : new java.math.BigDecimal(value).round(new java.math.MathContext(10)).doubleValue();
    }

    private static Double share(Double share) {
        return share == null ? null : round4(share);
    }

    private static Long longOrNull(JsonNode node, String key) {
        return node.path(key).isNumber() ? node.get(key).asLong() : null;
    }

    public static double round4(double value) {
        return Math.round(value * 10000.0) / 10000.0;
    }
}
