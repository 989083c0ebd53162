package dev.promptbench.run;

/** How one mode of a run sends its prompts. Later issues add open-loop rate variants. */
public sealed interface Plan permits Plan.Sequential, Plan.Parallel {

    /** The mode this plan measures. */
    Mode mode();

    /** How many requests may be in flight at once (the size of the worker pool). */
    int workers();

    /** One request at a time, in file order, on a single worker. */
    record Sequential() implements Plan {
        @Override public Mode mode() { return Mode.SEQUENTIAL; }
        @Override public int workers() { return 1; }
    }

    /** A fixed pool of {@code threads} workers, each taking the next prompt when it is free. */
    record Parallel(int threads) implements Plan {
        public Parallel {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        @Override public Mode mode() { return Mode.PARALLEL; }
        @Override public int workers() { return threads; }
    }
}
