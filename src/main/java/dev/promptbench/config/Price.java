package dev.promptbench.config;

/**
 * What an endpoint's tokens cost, from a profile's {@code price: {input_per_1m, output_per_1m}}, in
 * whatever currency the user wrote them in.
 *
 * @param inputPer1m  price of one million prompt tokens
 * @param outputPer1m price of one million completion tokens
 */
public record Price(double inputPer1m, double outputPer1m) {

    /** The cost of the given token counts. */
    public double cost(long promptTokens, long completionTokens) {
        return promptTokens * inputPer1m / 1e6 + completionTokens * outputPer1m / 1e6;
    }
}
