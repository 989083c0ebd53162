package dev.promptbench.control;

/** Told each time adaptive concurrency changes its limit; called on a worker thread, so it must be quick. */
@FunctionalInterface
public interface LimitListener {
    /**
     * @param nanoTime when, on the limiter's ticker (subtract a mode's start for an offset)
     * @param limit    the new limit on requests in flight
     * @param reason   why, in a few words ("429", "slow start", "headroom 8%, falling", ...)
     */
    void limitChanged(long nanoTime, int limit, String reason);

    /** A listener that ignores every change. */
    static LimitListener none() {
        return (nanoTime, limit, reason) -> {};
    }
}
