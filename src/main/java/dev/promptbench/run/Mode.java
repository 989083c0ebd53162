package dev.promptbench.run;

/** How a batch is sent: one request at a time, or many at once on a fixed pool. */
public enum Mode {
    SEQUENTIAL("sequential"),
    PARALLEL("parallel");

    private final String wireName;

    Mode(String wireName) { this.wireName = wireName; }

    /** The lower-case name used in output, results files and JSON. */
    public String wireName() { return wireName; }
}
