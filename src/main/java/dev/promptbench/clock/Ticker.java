package dev.promptbench.clock;

/** A monotonic clock in nanoseconds; tests substitute their own. */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    /** The JVM's monotonic clock. */
    static Ticker system() { return System::nanoTime; }
}
