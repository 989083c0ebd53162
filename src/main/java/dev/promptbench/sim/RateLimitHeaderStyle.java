package dev.promptbench.sim;

/**
 * Which {@code x-ratelimit-*} headers the simulator sends with its answers (and 429s). Azure sends
 * the remaining pair on every response but the limit pair only on some deployments; many
 * OpenAI-compatible servers send none, and clients must still pace and learn from 429s alone.
 */
public enum RateLimitHeaderStyle {
    /** Limit and remaining, for requests and tokens. */
    ALL("all"),
    /** Only {@code x-ratelimit-remaining-requests} and {@code x-ratelimit-remaining-tokens}. */
    REMAINING("remaining"),
    /** No rate-limit headers (the 429's {@code retry-after} pair is still sent). */
    NONE("none");

    private final String wireName;

    RateLimitHeaderStyle(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the command line. */
    public String wireName() {
        return wireName;
    }

    /** The style named {@code name}, or null when there is none by that name. */
    public static RateLimitHeaderStyle named(String name) {
        for (RateLimitHeaderStyle style : values()) {
            if (style.wireName.equals(name)) {
                return style;
            }
        }
        return null;
    }
}
