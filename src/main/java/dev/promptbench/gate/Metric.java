package dev.promptbench.gate;

import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.ModeSummary.StreamPercentiles;
import dev.promptbench.stats.Percentiles;
import dev.promptbench.results.request.Mode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The metric aliases a threshold may name, each with its quantity and how it reads a mode's statistics
 * (the run's own, or a baseline's read back from its {@code --format json} document).
 */
public enum Metric {
    P50("p50", Quantity.TIME, latency(Percentiles::p50)),
    P90("p90", Quantity.TIME, latency(Percentiles::p90)),
    P95("p95", Quantity.TIME, latency(Percentiles::p95)),
    P99("p99", Quantity.TIME, latency(Percentiles::p99)),
    MAX("max", Quantity.TIME, latency(Percentiles::max)),
    TTFT_P50("ttft_p50", Quantity.TIME, streamed(StreamPercentiles::ttft, Percentiles::p50)),
    TTFT_P90("ttft_p90", Quantity.TIME, streamed(StreamPercentiles::ttft, Percentiles::p90)),
    TTFT_P95("ttft_p95", Quantity.TIME, streamed(StreamPercentiles::ttft, Percentiles::p95)),
    TTFT_P99("ttft_p99", Quantity.TIME, streamed(StreamPercentiles::ttft, Percentiles::p99)),
    TPOT_P50("tpot_p50", Quantity.TIME, streamed(StreamPercentiles::tpot, Percentiles::p50)),
    TPOT_P90("tpot_p90", Quantity.TIME, streamed(StreamPercentiles::tpot, Percentiles::p90)),
    TPOT_P95("tpot_p95", Quantity.TIME, streamed(StreamPercentiles::tpot, Percentiles::p95)),
    TPOT_P99("tpot_p99", Quantity.TIME, streamed(StreamPercentiles::tpot, Percentiles::p99)),
    /** errors / (requests - not_run), in percent, over every repeat. */
    ERROR_RATE("error_rate", Quantity.PERCENT, Metric::errorRate),
    /** Requests that ended in error, over every repeat. */
    ERRORS("errors", Quantity.NUMBER, summed(s -> (double) s.errors())),
    RPS("rps", Quantity.NUMBER, headline(ModeSummary::requestsPerS)),
    TOKENS_PER_S("tokens_per_s", Quantity.NUMBER, headline(s -> s.tokens().completionPerS())),
    /** The median repeat's wall time. */
    WALL("wall", Quantity.TIME, mode -> mode.wallMs().median()),
    /** Sequential wall time over parallel wall time: one per run, not per mode (read by {@link GatedRun}). */
    SPEEDUP("speedup", Quantity.NUMBER, null),
    /** The parallel mode's lower bound over its wall time (closed-loop parallel only). */
    EFFICIENCY("efficiency", Quantity.FRACTION, headline(ModeSummary::efficiency)),
    /** Attempts answered 429, over every repeat. */
    RATE_LIMITED("rate_limited", Quantity.NUMBER, summed(s -> s.attemptsKnown() ? (double) s.rateLimited() : null)),
    /** Attempts beyond the first, over every repeat. */
    RETRIES("retries", Quantity.NUMBER, summed(s -> s.attemptsKnown() ? (double) s.retries() : null)),
    /** What the priced answers cost, over every repeat, in the prices' currency. */
    COST("cost", Quantity.NUMBER, summed(s -> s.billing().cost())),
    /** Cost per 1,000 priced answers (the reported repeat's). */
    COST_PER_1K("cost_per_1k", Quantity.NUMBER, headline(s -> s.billing().costPer1k()));

    private final String alias;
    private final Quantity quantity;
    private final Function<ModeResults, Double> value;

    Metric(String alias, Quantity quantity, Function<ModeResults, Double> value) {
        this.alias = alias;
        this.quantity = quantity;
        this.value = value;
    }

    /**
     * This metric of one mode, in the JSON document's unit (milliseconds, percent, fraction), or null when
     * the mode has none; latency, throughput and wall time are the reported figures (the median repeat
     * under --repeat), counts and the error rate add up every repeat.
     */
    Double of(ModeResults mode) {
        return value.apply(mode);
    }

    private static Function<ModeResults, Double> headline(Function<ModeSummary, Double> figure) {
        return mode -> figure.apply(mode.headline());
    }

    private static Function<ModeResults, Double> latency(ToDoubleFunction<Percentiles> percentile) {
        return mode -> mode.headline().latency() == null ? null
                : percentile.applyAsDouble(mode.headline().latency());
    }

    private static Function<ModeResults, Double> streamed(Function<StreamPercentiles, Percentiles> distribution,
                                                          ToDoubleFunction<Percentiles> percentile) {
        return mode -> {
            StreamPercentiles stream = mode.headline().stream();
            Percentiles p = stream == null ? null : distribution.apply(stream);
            return p == null ? null : percentile.applyAsDouble(p);
        };
    }

    /** A count over every repeat: a failed repeat must not hide behind the median; null when one lacks it. */
    private static Function<ModeResults, Double> summed(Function<ModeSummary, Double> figure) {
        return mode -> {
            double total = 0;
            for (ModeSummary repeat : mode.repeats()) {
                Double part = figure.apply(repeat);
                if (part == null) return null;
                total += part;
            }
            return total;
        };
    }

    /** Errors over the requests that ran, over every repeat; null when none ran. */
    private static Double errorRate(ModeResults mode) {
        long errors = 0;
        long ran = 0;
        for (ModeSummary repeat : mode.repeats()) {
            errors += repeat.errors();
            ran += repeat.requests() - repeat.notRun();
        }
        return ran <= 0 ? null : 100.0 * errors / ran;
    }

    /** The name a threshold uses. */
    public String alias() {
        return alias;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** False only for the run-wide {@link #SPEEDUP}. */
    public boolean perMode() {
        return this != SPEEDUP;
    }

    /**
     * What usually leaves this metric without a value in {@code mode} (null for the run-wide ones), for the
     * failure message; null when nothing useful.
     */
    String whenMissing(String mode) {
        if (Mode.BATCH.wireName().equals(mode) && quantity == Quantity.TIME && this != WALL) {
            return "the Batch API times no single request";
        }
        if (Mode.BATCH.wireName().equals(mode) && (this == RETRIES || this == RATE_LIMITED)) {
            return "the Batch API reports no retries or 429s of its requests";
        }
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
