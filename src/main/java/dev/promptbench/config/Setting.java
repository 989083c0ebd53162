package dev.promptbench.config;

/** A configured value and where it came from ({@code --deployment}, {@code $AZURE_OPENAI_ENDPOINT}, ...). */
record Setting<T>(T value, String source) {

    /** A setting, or null when there is no value, so callers can chain "first non-null". */
    static <T> Setting<T> of(T value, String source) {
        return value == null ? null : new Setting<>(value, source);
    }

    /** The provenance line, e.g. {@code deployment = gpt-4o-mini (from --deployment)}. */
    String line(String label) {
        return label + " = " + value + " (" + source + ")";
    }
}
