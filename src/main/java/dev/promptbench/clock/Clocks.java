package dev.promptbench.clock;

import java.time.Clock;

/**
 * The clocks a run keeps time with: monotonic nanoseconds, waits, and the date (the results file's
 * header); the system's in a run, a test's in a test.
 */
public record Clocks(Ticker ticker, Sleeper sleeper, Clock wall) {

    /** The system's clocks, dated by {@code wall} (the command line's, which a test may fix). */
    public static Clocks system(Clock wall) {
        return new Clocks(Ticker.system(), Sleeper.system(), wall);
    }
}
