package dev.promptbench.control;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;

/** Waits, with a generous time-out, for threads to be held at a gate: an "it eventually happened" guard. */
final class GateTestSupport {
    private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(10);

    private GateTestSupport() {}

    /** Returns once exactly {@code count} threads are parked in {@code gate}. */
    static void awaitParked(CooldownGate gate, int count) {
        long deadline = System.nanoTime() + GUARD_NANOS;
        while (gate.parked() != count) {
            if (System.nanoTime() - deadline > 0) {
                fail("expected " + count + " parked threads, found " + gate.parked());
            }
            Thread.yield();
        }
    }
}
