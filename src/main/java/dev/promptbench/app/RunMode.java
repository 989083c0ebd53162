package dev.promptbench.app;

import java.util.Locale;

/** What a run measures ({@code --mode}): both modes side by side, or one of them. */
public enum RunMode {
    COMPARE, SEQUENTIAL, PARALLEL;

    /** As the user writes it and reports print it: compare, sequential, parallel. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
