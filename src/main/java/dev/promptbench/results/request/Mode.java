package dev.promptbench.results.request;

/**
 * How the prompts were sent: one request at a time, many at once on a fixed pool, or through the
 * provider's Batch API (whose lines carry no per-request times).
 */
public enum Mode {
    SEQUENTIAL("sequential"),
    PARALLEL("parallel"),
    BATCH("batch");

    private final String wireName;

    Mode(String wireName) { this.wireName = wireName; }

    /** The lower-case name used in output, results files and JSON. */
    public String wireName() { return wireName; }
}
