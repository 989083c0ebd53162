package dev.promptbench.batch;

/** What the engine tells its user while it works: notices and the state after each poll. */
public interface BatchListener {
    /** One line for a human (stderr). */
    void notice(String line);

    /** The state after a poll. */
    default void progress(BatchState state) {}

    BatchListener SILENT = line -> {};
}
