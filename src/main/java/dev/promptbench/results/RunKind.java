package dev.promptbench.results;

import java.util.Locale;

/** What kind of run a results file holds, as its header's {@code config.mode} names it. */
public enum RunKind {
    /** Sequential and parallel side by side ({@code --mode compare}). */
    COMPARE,
    SEQUENTIAL,
    PARALLEL,
    /** Throughput at each of several thread counts. */
    SWEEP,
    /** The provider's Batch API. */
    BATCH;

    /** The lower-case name results files, JSON and reports use. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a wire name, or null for a name this version does not know. */
    public static RunKind parse(String name) {
        for (RunKind kind : values()) {
            if (kind.wireName().equals(name)) return kind;
        }
        return null;
    }
}
