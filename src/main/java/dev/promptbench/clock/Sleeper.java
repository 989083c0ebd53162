package dev.promptbench.clock;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits; tests substitute one that only records (or moves a fake clock). The one place that really sleeps. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Real waiting to the microsecond: a budget paces requests a few milliseconds apart, where
     * {@code Thread.sleep(millis)} would truncate each wait and make it spin on the remainder.
     */
    static Sleeper system() {
        return duration -> {
            long nanos;
            try {
                nanos = duration.toNanos();
            } catch (ArithmeticException tooLong) {
                nanos = Long.MAX_VALUE;
            }
            long deadline = System.nanoTime() + nanos;
            long remaining = nanos;
            while (remaining > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                remaining = deadline - System.nanoTime();
            }
        };
    }
}
