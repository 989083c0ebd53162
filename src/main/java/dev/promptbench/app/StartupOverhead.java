package dev.promptbench.app;

import dev.promptbench.clock.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time from the process's start (the JVM's, as the operating system tells it) to a moment on the
 * run's monotonic clock: what a user waits before the first timed request, which no timed figure shows.
 */
final class StartupOverhead {
    private final Instant processStart;
    private final Instant wallAtMark;
    private final long tickerAtMark;

    StartupOverhead(Optional<Instant> processStart, Instant wallAtMark, long tickerAtMark) {
        this.processStart = processStart.orElse(null);
        this.wallAtMark = wallAtMark;
        this.tickerAtMark = tickerAtMark;
    }

    /** Marks now on both clocks; the process's start time comes from the operating system. */
    static StartupOverhead sinceProcessStart(Ticker ticker, Clock wall) {
        return new StartupOverhead(ProcessHandle.current().info().startInstant(), wall.instant(), ticker.nanoTime());
    }

    /** Milliseconds from the process's start to {@code tickerNanos}; null when the start time is unknown. */
    Double untilMs(long tickerNanos) {
        if (processStart == null) return null;
        long nanos = Duration.between(processStart, wallAtMark).toNanos() + (tickerNanos - tickerAtMark);
        return nanos < 0 ? null : nanos / 1e6;
    }
}
