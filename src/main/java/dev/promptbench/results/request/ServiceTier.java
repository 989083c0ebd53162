package dev.promptbench.results.request;

import java.util.Locale;
import java.util.Optional;

/**
 * The service tier a request asks for ({@code service_tier}) and an answer says served it: {@code flex}
 * is cheaper and slower, {@code priority} faster and dearer, {@code auto} lets the service pick.
 */
public enum ServiceTier {
    AUTO("auto", 1),
    DEFAULT("default", 1),
    FLEX("flex", 0),
    PRIORITY("priority", 2);

    private final String wireName;
    private final int rank;

    ServiceTier(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    /** The name the API uses. */
    public String wireName() { return wireName; }

    /**
     * True when an answer served on {@code served} got less than this tier asked for (priority served at
     * default or flex, default at flex). {@code auto} asks for nothing in particular, so nothing is below it.
     */
    public boolean servedBelow(ServiceTier served) {
        return this != AUTO && served != null && served != AUTO && served.rank < rank;
    }

    /** The tier of a wire name, case-insensitively; empty for a name the API may add later. */
    public static Optional<ServiceTier> parse(String name) {
        if (name == null) return Optional.empty();
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (ServiceTier tier : values()) {
            if (tier.wireName.equals(wanted)) return Optional.of(tier);
        }
        return Optional.empty();
    }
}
