package dev.promptbench.run;

/**
 * Decides when a worker may send its next request. Pacing, rate budgets, a 429 cool-down and
 * adaptive concurrency are gates; the default lets everything through.
 */
public interface Gate {
    /** Blocks until the next request may go. */
    void enter() throws InterruptedException;

    /** Called once the request that entered has finished. */
    void leave();

    /** A gate that never holds anyone. */
    static Gate open() {
        return new Gate() {
            @Override public void enter() {}
            @Override public void leave() {}
        };
    }
}
