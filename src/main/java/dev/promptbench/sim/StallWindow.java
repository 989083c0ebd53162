package dev.promptbench.sim;

/**
 * The configured stall placed on the monotonic clock: which send times it holds back, and until when.
 *
 * <p>Why a pure function of the time: every send, whether a whole response or one stream event, asks
 * it when it may go, so a stall holds all of them alike, and a test can check it with made-up clock
 * readings instead of waiting.
 */
final class StallWindow {

    private final long startNanos;
    private final long endNanos;

    /**
     * @param stall        the stall, counted from the simulator's start
     * @param startedNanos the monotonic clock's reading when the simulator started
     */
    StallWindow(SimulatorSettings.Stall stall, long startedNanos) {
        this.startNanos = startedNanos + stall.at().toNanos();
        this.endNanos = startNanos + stall.length().toNanos();
    }

    /** When something due at {@code dueNanos} may be sent: then, or the stall's end if it falls inside. */
    long release(long dueNanos) {
        // Differences, not comparisons, so the window works across a wrap of the nano clock.
        boolean inside = dueNanos - startNanos >= 0 && dueNanos - endNanos < 0;
        return inside ? endNanos : dueNanos;
    }
}
