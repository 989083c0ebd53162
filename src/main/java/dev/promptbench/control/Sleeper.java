package dev.promptbench.control;

import java.time.Duration;

/** Waits; tests substitute one that only records. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
