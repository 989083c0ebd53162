package dev.promptbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptbench.stats.Percentiles;
import dev.promptbench.stats.Spread;
import dev.promptbench.stats.ModeSummary;

/**
 * The JSON shapes the results file and the {@code --format json} report share (schema version 1): an
 * endpoint, the run's config and one mode's statistics have the same keys in both.
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
        node.put("mode", config.mode());
        node.put("threads", config.threads());
        node.put("max_tokens", config.maxTokens());
        node.put("temperature", config.temperature());
        node.put("top_p", config.topP());
        node.put("seed", config.seed());
        node.put("stream", config.stream());
        node.put("order", config.order());
        node.put("timeout_ms", config.timeoutMs());
        node.put("connect_timeout_ms", config.connectTimeoutMs());
        return node;
    }

    public static ObjectNode spread(Spread spread, int decimals) {
        ObjectNode node = NODES.objectNode();
        if (spread == null) return node;
        double scale = Math.pow(10, decimals);
        node.put("kind", spread.kind());
        node.put("median", Math.round(spread.median() * scale) / scale);
        node.put("low", Math.round(spread.low() * scale) / scale);
        node.put("high", Math.round(spread.high() * scale) / scale);
        return node;
    }

    /** One mode's numbers: the same keys in {@code --format json} and in summary records. */
    public static ObjectNode mode(ModeSummary summary) {
        ObjectNode node = NODES.objectNode();
        node.put("threads", summary.threads());
        node.put("wall_ms", round(summary.wallMs()));
        node.put("requests", summary.requests());
        node.put("ok", summary.ok());
        node.put("errors", summary.errors());
        node.put("filtered", summary.filtered());
        node.put("not_run", summary.notRun());
        node.put("requests_per_s", round(summary.requestsPerS()));
        node.set("latency_ms", percentiles(summary.latency()));
        if (summary.stream() != null) {
            node.set("ttft_ms", percentiles(summary.stream().ttft()));
            node.set("tpot_ms", percentiles(summary.stream().tpot()));
            node.set("chunk_gap_ms", percentiles(summary.stream().chunkGap()));
            node.set("decode_tokens_per_s", percentiles(summary.stream().decodeTokensPerS()));
            node.put("tokens_estimated", summary.stream().estimatedTokens());
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
        tokens.put("answers_without_usage", summary.tokens().withoutUsage());
        node.put("completion_tokens_per_s", summary.tokens().completionPerS() == null ? null
                : round(summary.tokens().completionPerS()));
        ObjectNode errors = node.putObject("errors_by_kind");
        summary.errorsByKind().forEach(errors::put);
        node.put("retries", summary.retries());
        node.put("rate_limited", summary.rateLimited());
        node.put("retries_after_send", summary.retriesAfterSend());
        node.put("wait_ms", round(summary.waitMs()));
        if (summary.lowerBoundMs() != null) node.put("lower_bound_ms", round(summary.lowerBoundMs()));
        if (summary.lowerBoundMs() != null) node.put("efficiency", summary.efficiency() == null
                ? null : round4(summary.efficiency()));
        return node;
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

    public static double round4(double value) {
        return Math.round(value * 10000.0) / 10000.0;
    }
}
