package dev.promptbench.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.results.request.ServiceTier;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads prices from a config file: an endpoint's {@code price:}, the top-level {@code prices:} per model
 * and {@code price_multipliers:}; every problem is one line naming the file and the key.
 */
final class PriceReader {
    private static final Set<String> PRICE_KEYS = Set.of("input_per_1m", "cached_input_per_1m", "output_per_1m");
    private static final String PRICE_SHAPE = "{input_per_1m: N, output_per_1m: N} (prices per million tokens; "
            + "cached_input_per_1m: N is optional)";

    private final String source;

    PriceReader(String source) {
        this.source = source;
    }

    /** {@code {input_per_1m, output_per_1m[, cached_input_per_1m]}}: input and output needed, all zero or more. */
    Price price(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || !node.has("input_per_1m") || !node.has("output_per_1m")) {
            throw fail(where, "price must be " + PRICE_SHAPE);
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!PRICE_KEYS.contains(key)) throw fail(where, "unknown price key '" + key + "': price must be " + PRICE_SHAPE);
        }
        double in = amount(node.get("input_per_1m"), where);
        double out = amount(node.get("output_per_1m"), where);
        JsonNode cached = node.get("cached_input_per_1m");
        return new Price(in, cached == null || cached.isNull() ? null : amount(cached, where), out);
    }

    /** {@code prices: {gpt-4o-mini: {input_per_1m: ..., ...}, ...}}. */
    Map<String, Price> models(JsonNode node) {
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) throw fail("in prices", "expected a mapping of model names to prices");
        Map<String, Price> models = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            models.put(entry.getKey().strip(), price(entry.getValue(), "in prices, model '" + entry.getKey() + "'"));
        }
        return models;
    }

    /** {@code price_multipliers: {flex: 0.5, priority: 2, batch: 0.5}}: tiers and batch, each zero or more. */
    Map<ServiceTier, Double> tierMultipliers(JsonNode node) {
        Map<ServiceTier, Double> tiers = new EnumMap<>(ServiceTier.class);
        if (node == null || node.isNull()) return tiers;
        if (!node.isObject()) throw fail("in price_multipliers", "expected a mapping such as {flex: 0.5, batch: 0.5}");
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equals("batch")) continue;
            ServiceTier tier = ServiceTier.parse(entry.getKey()).orElseThrow(() -> fail("in price_multipliers",
                    "unknown key '" + entry.getKey() + "' (known keys: auto, default, flex, priority, batch)"));
            tiers.put(tier, amount(entry.getValue(), "in price_multipliers, " + entry.getKey()));
        }
        return tiers;
    }

    /** The {@code batch} multiplier, or null when not given. */
    Double batchMultiplier(JsonNode node) {
        JsonNode batch = node == null ? null : node.get("batch");
        return batch == null || batch.isNull() ? null : amount(batch, "in price_multipliers, batch");
    }

    private double amount(JsonNode value, String where) {
        if (value == null || !value.isNumber() || value.doubleValue() < 0 || !Double.isFinite(value.doubleValue())) {
            throw fail(where, "price values must be numbers, zero or more");
        }
        return value.doubleValue();
    }

    private ConfigException fail(String where, String problem) {
        return new ConfigException(source + ": " + where + ": " + problem);
    }
}
