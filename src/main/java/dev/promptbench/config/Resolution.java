package dev.promptbench.config;

import dev.promptbench.client.Endpoint;
import java.util.List;

/**
 * The endpoints a run talks to, or none for the built-in simulator, with one line per resolved value
 * saying where it came from (for {@code --verbose}; secrets always shown as {@code ***}).
 *
 * @param endpoints  the endpoints in the order configured; empty means "use the built-in simulator"
 * @param provenance human-readable lines such as {@code deployment = gpt-4o-mini (from --deployment)}
 */
public record Resolution(List<Endpoint> endpoints, List<String> provenance) {

    public Resolution {
        endpoints = List.copyOf(endpoints);
        provenance = List.copyOf(provenance);
    }

    /** True when nothing endpoint-related was configured and the built-in simulator should serve. */
    public boolean useSimulator() { return endpoints.isEmpty(); }
}
