package dev.promptbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.Percentiles;
import dev.promptbench.stats.Spread;
import dev.promptbench.stats.ModeSummary;

/** The JSON shapes shared by the JSON report and the results file (schema version 1). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode endpoint(EndpointInfo info) {
        ObjectNode node = NODES.objectNode();
        node.put("name", info.name());
        node.put("kind", info.kind());
        node.put("url", info.url());
        node.put("deployment", info.deployment());
        node.put("model", info.model());
        node.put("protocol", info.protocol());
        return node;
    }

    static ObjectNode config(RunConfig config) {
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

    /**
     * A mode over its repeats: with one repeat, that repeat's numbers; with several, the median repeat's
     * numbers with wall time and latency p50/p95 replaced by their medians, plus each repeat and the spreads.
     */
    static ObjectNode modeResults(ModeResults results) {
        ObjectNode node = mode(results.headline());
        if (results.repeats().size() < 2) return node;
        node.put("wall_ms", round(results.wallMs().median()));
        if (results.p50Ms() != null) {
            ((ObjectNode) node.get("latency_ms")).put("p50", round(results.p50Ms().median()));
            ((ObjectNode) node.get("latency_ms")).put("p95", round(results.p95Ms().median()));
        }
        ObjectNode spread = node.putObject("spread");
        spread.put("kind", results.wallMs().kind());
        spread.set("wall_ms", spread(results.wallMs(), 3));
        if (results.p50Ms() != null) {
            spread.set("p50_ms", spread(results.p50Ms(), 3));
            spread.set("p95_ms", spread(results.p95Ms(), 3));
        }
        ArrayNode repeats = node.putArray("repeats");
        results.repeats().forEach(r -> repeats.add(mode(r)));
        return node;
    }

    static ObjectNode spread(Spread spread, int decimals) {
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
    static ObjectNode mode(ModeSummary summary) {
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
        tokens.put("prompt", summary.promptTokens());
        tokens.put("completion", summary.completionTokens());
        node.put("completion_tokens_per_s", round(summary.completionTokensPerS()));
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
    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    static double round4(double value) {
        return Math.round(value * 10000.0) / 10000.0;
    }
}
