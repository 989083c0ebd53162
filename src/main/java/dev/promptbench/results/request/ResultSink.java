package dev.promptbench.results.request;

/**
 * Receives each request's final record as it completes. The dispatcher calls sinks one record at a
 * time (never concurrently), so implementations need no locking.
 */
public interface ResultSink {
    void accept(RequestResult result);

    /**
     * A mode (one repeat of it, or a sweep's step) starts with at most {@code threads} requests in flight: the
     * records accepted until the next call belong to it. Most sinks need not know.
     */
    default void modeStarted(int threads) {}

    /** A sink that sends each record to several sinks in order. */
    static ResultSink all(ResultSink... sinks) {
        return result -> {
            for (ResultSink sink : sinks) sink.accept(result);
        };
    }
}
