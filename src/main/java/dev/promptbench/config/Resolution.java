package dev.promptbench.config;

import dev.promptbench.client.Endpoint;
import dev.promptbench.results.request.ServiceTier;
import java.util.List;
import java.util.Map;

/**
 * The endpoints a run talks to, or none for the built-in simulator, with one line per resolved value
 * saying where it came from (for {@code --verbose}; secrets always shown as {@code ***}).
 *
 * @param endpoints  the endpoints in the order configured; empty means "use the built-in simulator"
 * @param provenance human-readable lines such as {@code deployment = gpt-4o-mini (from --deployment)}
 * @param prices     token prices by endpoint name, from the profile's {@code price:} entries
 * @param modelPrices the config file's prices per model and multipliers ({@link PriceSettings#NONE} without)
 * @param serviceTier the profile's {@code service_tier:}, or null when it names none
 */
public record Resolution(List<Endpoint> endpoints, List<String> provenance, Map<String, Price> prices,
                         PriceSettings modelPrices, ServiceTier serviceTier) {

    public Resolution {
        endpoints = List.copyOf(endpoints);
        provenance = List.copyOf(provenance);
        prices = Map.copyOf(prices);
        modelPrices = modelPrices == null ? PriceSettings.NONE : modelPrices;
    }

    /** Endpoints with prices per endpoint only. */
    public Resolution(List<Endpoint> endpoints, List<String> provenance, Map<String, Price> prices) {
        this(endpoints, provenance, prices, PriceSettings.NONE, null);
    }

    /** Endpoints without prices. */
    public Resolution(List<Endpoint> endpoints, List<String> provenance) {
        this(endpoints, provenance, Map.of());
    }

    /** The same endpoints with the config file's prices per model. */
    public Resolution withModelPrices(PriceSettings settings) {
        return new Resolution(endpoints, provenance, prices, settings, serviceTier);
    }

    /** The same endpoints with the profile's service tier. */
    public Resolution withServiceTier(ServiceTier tier) {
        return new Resolution(endpoints, provenance, prices, modelPrices, tier);
    }

    /** True when nothing endpoint-related was configured and the built-in simulator should serve. */
    public boolean useSimulator() { return endpoints.isEmpty(); }

    /** The price of the first endpoint, or null when none is configured. */
    public Price firstPrice() {
        return endpoints.isEmpty() ? null : prices.get(endpoints.get(0).name());
    }
}
