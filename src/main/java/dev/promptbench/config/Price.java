package dev.promptbench.config;

import dev.promptbench.results.request.Usage;

/**
 * What a model's tokens cost, per million, in whatever currency the prices were written in: prompt
 * tokens, prompt tokens read from the prompt cache, and completion tokens (reasoning tokens are billed
 * as completion tokens).
 *
 * @param inputPer1m       price of one million prompt tokens
 * @param cachedInputPer1m price of one million cached prompt tokens, or null to bill them as other prompt tokens
 * @param outputPer1m      price of one million completion tokens
 */
public record Price(double inputPer1m, Double cachedInputPer1m, double outputPer1m) {

    /** A price without a cached-input price. */
    public Price(double inputPer1m, double outputPer1m) {
        this(inputPer1m, null, outputPer1m);
    }

    /** The cost of the given token counts, none of them cached. */
    public double cost(long promptTokens, long completionTokens) {
        return promptTokens * inputPer1m / 1e6 + completionTokens * outputPer1m / 1e6;
    }

    /**
     * The cost of one answer's usage: its uncached prompt tokens at the input price, its cached ones at
     * the cached-input price, every completion token (reasoning included) at the output price.
     */
    public double cost(Usage usage) {
        long cached = usage.cachedTokens() == null ? 0 : usage.cachedTokens();
        double cachedPrice = cachedInputPer1m == null ? inputPer1m : cachedInputPer1m;
        return ((usage.promptTokens() - cached) * inputPer1m + cached * cachedPrice
                + (double) usage.completionTokens() * outputPer1m) / 1e6;
    }
}
