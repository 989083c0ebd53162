package dev.promptbench.config;

import java.util.List;

/**
 * A named profile from the config file: the built-in simulator, or one or more endpoints.
 *
 * @param name      the profile's key under {@code profiles:}
 * @param simulator true for {@code provider: simulator}; then {@code endpoints} is empty
 * @param endpoints one spec for the single-endpoint form, the list in order for {@code endpoints:}
 */
public record Profile(String name, boolean simulator, List<EndpointSpec> endpoints) {

    public Profile {
        endpoints = List.copyOf(endpoints);
    }

    /** The profile every run can use without a config file. */
    public static Profile builtInSimulator() {
        return new Profile(ConfigFile.SIMULATOR, true, List.of());
    }
}
