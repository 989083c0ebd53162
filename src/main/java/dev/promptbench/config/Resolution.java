package dev.promptbench.config;

import dev.promptbench.client.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * The endpoints a run talks to, or none for the built-in simulator, with one line per resolved value
 * saying where it came from (for {@code --verbose}; secrets always shown as {@code ***}).
 *
 * @param endpoints  the endpoints in the order configured; empty means "use the built-in simulator"
 * @param provenance human-readable lines such as {@code deployment = gpt-4o-mini (from --deployment)}
 * @param prices     token prices by endpoint name, from the profile's {@code price:} entries
 */
public record Resolution(List<Endpoint> endpoints, List<String> provenance, Map<String, Price> prices) {

    public Resolution {
        endpoints = List.copyOf(endpoints);
        provenance = List.copyOf(provenance);
        prices = Map.copyOf(prices);
    }

    /** Endpoints without prices. */
    public Resolution(List<Endpoint> endpoints, List<String> provenance) {
        this(endpoints, provenance, Map.of());
    }

    /** True when nothing endpoint-related was configured and the built-in simulator should serve. */
    public boolean useSimulator() { return endpoints.isEmpty(); }

    /** The price of the first endpoint, or null when none is configured. */
    public Price firstPrice() {
        return endpoints.isEmpty() ? null : prices.get(endpoints.get(0).name());
    }
}
