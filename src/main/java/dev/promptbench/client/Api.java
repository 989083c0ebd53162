package dev.promptbench.client;

import java.util.Locale;

/** Which of the service's generation APIs a request goes to: chat completions or the Responses API. */
public enum Api {
    /** {@code POST .../chat/completions}: {@code messages} in, {@code choices} out. */
    CHAT("chat"),
    /** {@code POST .../responses}: {@code input} and {@code instructions} in, typed {@code output} items out. */
    RESPONSES("responses");

    private final String wireName;

    Api(String wireName) { this.wireName = wireName; }

    /**
     * The smallest completion limit every service takes: Azure answers 400 ({@code integer_below_min_value})
     * to a Responses API {@code max_output_tokens} below 16, so a one-token probe asks for 16 there.
     */
    public int smallestMaxTokens() { return this == RESPONSES ? 16 : 1; }

    /** The name on the command line, in the config and in output: {@code chat} or {@code responses}. */
    public String wireName() { return wireName; }

    /** The API a name stands for (any case), or null for none. */
    public static Api named(String name) {
        if (name == null) return null;
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (Api api : values()) {
            if (api.wireName.equals(lower)) return api;
        }
        return null;
    }
}
