package dev.promptbench.sim;

import java.util.Locale;

/**
 * A 429 the simulator answers on purpose, shaped as the real services send it for each cause (and
 * Azure's spillover, a 200 that a provisioned deployment handed to a standard one).
 */
public enum ThrottleKind {
    /** Over the request rate: Azure's "call rate limit", OpenAI's {@code requests}; remaining requests 0. */
    REQUESTS("requests"),
    /** Over the token rate: Azure's "token rate limit", OpenAI's {@code tokens}; remaining tokens 0. */
    TOKENS("tokens"),
    /** The quota is used up: Azure's "retry after 86400 seconds", OpenAI's {@code insufficient_quota}; from then on, always. */
    QUOTA("quota"),
    /** A temporary cut: a token-rate 429 whose {@code x-ratelimit-limit-*} headers show half the usual limits. */
    CAPACITY("capacity"),
    /** The flex tier lacks capacity: "429 Resource Unavailable" ({@code resource_unavailable}). */
    FLEX("flex"),
    /** Not a 429: on Azure routes the answer comes with {@code x-ms-spillover-from-deployment}, as a spilled-over one. */
    SPILLOVER("spillover");

    private final String wireName;

    ThrottleKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the command line. */
    public String wireName() {
        return wireName;
    }

    /**
     * The kind with this command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted names, for an unknown one
     */
    public static ThrottleKind parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ThrottleKind kind : values()) {
            if (kind.wireName.equals(wanted)) return kind;
        }
        throw new IllegalArgumentException("unknown 429 cause '" + name.trim()
                + "'; expected requests, tokens, quota, capacity, flex or spillover");
    }
}
