package dev.promptbench.config;

import java.util.Locale;
import java.util.Optional;

/** The API family an endpoint speaks: Azure OpenAI, or OpenAI and the servers compatible with it. */
public enum Provider {
    AZURE("azure"),
    OPENAI("openai");

    private final String word;

    Provider(String word) {
        this.word = word;
    }

    /** The word used in flags, config files and output. */
    public String word() { return word; }

    @Override
    public String toString() { return word; }

    /** {@code azure} or {@code openai}, any case; empty for anything else. */
    public static Optional<Provider> parse(String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Provider provider : values()) {
            if (provider.word.equals(lower)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
