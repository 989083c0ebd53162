package dev.promptbench.config;

import dev.promptbench.results.request.ServiceTier;
import java.util.Map;

/**
 * The config file's top-level prices: {@code prices:} per model (overriding the built-in list prices)
 * and {@code price_multipliers:} per service tier and for the Batch API.
 *
 * @param models          prices by model name (a dated snapshot name such as gpt-4o-2024-08-06 matches gpt-4o)
 * @param tierMultipliers multipliers by the tier that served an answer, for tiers the file names
 * @param batchMultiplier the Batch API's multiplier, or null when the file does not name it
 * @param source          the config file, for reports ("prices from ..."), or null without one
 */
public record PriceSettings(Map<String, Price> models, Map<ServiceTier, Double> tierMultipliers,
                            Double batchMultiplier, String source) {

    /** No config file, or one without prices. */
    public static final PriceSettings NONE = new PriceSettings(Map.of(), Map.of(), null, null);

    public PriceSettings {
        models = Map.copyOf(models);
        tierMultipliers = Map.copyOf(tierMultipliers);
    }
}
