package dev.promptbench.report;

import dev.promptbench.results.RunConfig;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The reasoning, cached-token, cost and service-tier figures as every human-readable output shows them
 * (table, markdown, HTML): one wording, so no two outputs disagree. Unknown is "-", never 0.
 */
public final class TokenFigures {
    private TokenFigures() {}

    /** True when any mode knows its reasoning tokens. */
    public static boolean anyReasoning(Collection<ModeResults> modes) {
        return modes.stream().anyMatch(m -> m.headline().tokens().reasoning() != null);
    }

    /**
     * True when some answer used reasoning tokens: the column a table shows for them. Services that report a
     * count report 0 for every answer of a model that does not reason; that known 0 stays in the JSON, but a
     * column of zeros would only puzzle the reader.
     */
    public static boolean showReasoning(Collection<ModeResults> modes) {
        return modes.stream().anyMatch(m -> positive(m.headline().tokens().reasoning()));
    }

    /** True when some prompt was served from the prompt cache: the column a table shows for cached tokens. */
    public static boolean showCached(Collection<ModeResults> modes) {
        return modes.stream().anyMatch(m -> positive(m.headline().tokens().cached()));
    }

    private static boolean positive(Long count) {
        return count != null && count > 0;
    }

    /** True when any mode's streams showed a reasoning event (so its time to first reasoning is known). */
    public static boolean anyFirstReasoning(Collection<ModeResults> modes) {
        return modes.stream().anyMatch(m -> m.headline().stream() != null
                && m.headline().stream().firstReasoning() != null);
    }

    /** True when any mode knows its cost. */
    public static boolean anyCost(Collection<ModeResults> modes) {
        return modes.stream().anyMatch(m -> m.headline().billing().cost() != null);
    }

    /** "256 (85%)": reasoning tokens and their share of the completion tokens, or "-". */
    public static String reasoning(ModeSummary s) {
        return part(s.tokens().reasoning(), s.tokens().reasoningShare());
    }

    /** "1920 (94%)": cached prompt tokens and their share of the prompt tokens, or "-". */
    public static String cached(ModeSummary s) {
        return part(s.tokens().cached(), s.tokens().cachedShare());
    }

    private static String part(Long count, Double share) {
        if (count == null) return "-";
        return count + (share == null ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100 * share));
    }

    /** The mode's cost, or "-". */
    public static String cost(ModeSummary s) {
        return money(s.billing().cost());
    }

    /** The mode's cost per 1,000 prompts, or "-". */
    public static String costPer1k(ModeSummary s) {
        return money(s.billing().costPer1k());
    }

    /** A price in the prices' own currency: four significant digits, no symbol (the config names none). */
    public static String money(Double amount) {
        if (amount == null) return "-";
        if (amount == 0) return "0";
        java.math.BigDecimal exact = new java.math.BigDecimal(amount);
        java.math.BigDecimal shown = amount >= 100 ? exact.setScale(2, java.math.RoundingMode.HALF_UP)
                : exact.round(new java.math.MathContext(4));
        return shown.stripTrailingZeros().toPlainString();
    }

    /**
     * "3 answers served below the priority tier asked (2 default, 1 flex)", or null when none were (or no
     * tier was asked).
     */
    public static String servedBelow(ModeSummary s, RunConfig config) {
        ServiceTier asked = config == null ? null : config.serviceTier();
        long below = s.billing().servedBelow(asked);
        if (below == 0) return null;
        StringJoiner tiers = new StringJoiner(", ", " (", ")");
        for (Map.Entry<String, Long> served : s.billing().servedTiers().entrySet()) {
            if (asked.servedBelow(ServiceTier.parse(served.getKey()).orElse(null))) {
                tiers.add(served.getValue() + " " + served.getKey());
            }
        }
        return below + (below == 1 ? " answer" : " answers") + " served below the " + asked.wireName()
                + " tier asked" + tiers;
    }

    /** What time per output token divided by, for the legend. */
    public static String tpotBasis(Collection<ModeResults> modes) {
        if (showReasoning(modes)) return "over visible output tokens (reasoning tokens left out)";
        // Known to be none: every completion token was visible, and there is nothing to explain.
        return anyReasoning(modes) ? "over all completion tokens"
                : "over all completion tokens (the service did not say which were reasoning)";
    }

    /** Where the costs' prices came from, for the legend. */
    public static String pricesBasis(RunConfig config) {
        return "cost at " + (config == null || config.prices() == null ? "the run's prices" : config.prices())
                + ", per 1k = per 1,000 priced answers";
    }
}
