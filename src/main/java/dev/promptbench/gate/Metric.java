package dev.promptbench.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metric aliases a threshold may name, each with where it lives in the {@code --format json} document
 * (a JSON Pointer under {@code /modes/<mode>}, or under the root for {@link #SPEEDUP}) and its quantity.
 */
public enum Metric {
    P50("p50", Quantity.TIME, "/latency_ms/p50"),
    P90("p90", Quantity.TIME, "/latency_ms/p90"),
    P95("p95", Quantity.TIME, "/latency_ms/p95"),
    P99("p99", Quantity.TIME, "/latency_ms/p99"),
    MAX("max", Quantity.TIME, "/latency_ms/max"),
    TTFT_P50("ttft_p50", Quantity.TIME, "/ttft_ms/p50"),
    TTFT_P90("ttft_p90", Quantity.TIME, "/ttft_ms/p90"),
    TTFT_P95("ttft_p95", Quantity.TIME, "/ttft_ms/p95"),
    TTFT_P99("ttft_p99", Quantity.TIME, "/ttft_ms/p99"),
    TPOT_P50("tpot_p50", Quantity.TIME, "/tpot_ms/p50"),
    TPOT_P90("tpot_p90", Quantity.TIME, "/tpot_ms/p90"),
    TPOT_P95("tpot_p95", Quantity.TIME, "/tpot_ms/p95"),
    TPOT_P99("tpot_p99", Quantity.TIME, "/tpot_ms/p99"),
    /** errors / (requests - not_run), in percent, over every repeat. */
    ERROR_RATE("error_rate", Quantity.PERCENT, null),
    /** Requests that ended in error, over every repeat. */
    ERRORS("errors", Quantity.NUMBER, "/errors"),
    RPS("rps", Quantity.NUMBER, "/requests_per_s"),
    TOKENS_PER_S("tokens_per_s", Quantity.NUMBER, "/completion_tokens_per_s"),
    WALL("wall", Quantity.TIME, "/wall_ms"),
    /** Sequential wall time over parallel wall time: one per run, not per mode. */
    SPEEDUP("speedup", Quantity.NUMBER, "/speedup"),
    /** The parallel mode's lower bound over its wall time (closed-loop parallel only). */
    EFFICIENCY("efficiency", Quantity.FRACTION, "/efficiency"),
    /** Attempts answered 429, over every repeat. */
    RATE_LIMITED("rate_limited", Quantity.NUMBER, "/rate_limited"),
    /** Attempts beyond the first, over every repeat. */
    RETRIES("retries", Quantity.NUMBER, "/retries"),
    /** What the priced answers cost, over every repeat, in the prices' currency. */
    COST("cost", Quantity.NUMBER, "/cost/total"),
    /** Cost per 1,000 priced answers (the reported repeat's). */
    COST_PER_1K("cost_per_1k", Quantity.NUMBER, "/cost/per_1k_prompts");

    private final String alias;
    private final Quantity quantity;
    private final String key;

    Metric(String alias, Quantity quantity, String key) {
        this.alias = alias;
        this.quantity = quantity;
        this.key = key;
    }

    /** The name a threshold uses. */
    public String alias() {
        return alias;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** The JSON Pointer of the value under its mode (or the root), or null when it is computed. */
    String key() {
        return key;
    }

    /** False only for the run-wide {@link #SPEEDUP}. */
    public boolean perMode() {
        return this != SPEEDUP;
    }

    /** Counts add up over a mode's repeats rather than taking the reported (median) repeat. */
    boolean summedOverRepeats() {
        return this == ERRORS || this == RATE_LIMITED || this == RETRIES || this == COST;
    }

    /** What usually leaves this metric without a value, for the failure message; null when nothing useful. */
    String whenMissing() {
        return switch (this) {
            case P50, P90, P95, P99, MAX -> "no request succeeded";
            case TTFT_P50, TTFT_P90, TTFT_P95, TTFT_P99, TPOT_P50, TPOT_P90, TPOT_P95, TPOT_P99 ->
                    "streaming metrics need --stream";
            case SPEEDUP -> "speedup needs both modes, ending with the same number of errors";
            case EFFICIENCY -> "efficiency is measured for the closed-loop parallel mode";
            case ERROR_RATE -> "no request ran";
            case COST, COST_PER_1K -> "no answer could be priced: no usage, or no price for its model (prices: in "
                    + "the config)";
            default -> null;
        };
    }

    static Optional<Metric> byAlias(String alias) {
        String wanted = alias.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.alias.equals(wanted)).findFirst();
    }

    /** Every alias, comma-separated, for error messages and help. */
    static String aliases() {
        return Arrays.stream(values()).map(Metric::alias).collect(Collectors.joining(", "));
    }
}
