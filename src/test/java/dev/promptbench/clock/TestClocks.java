package dev.promptbench.clock;

import java.time.Clock;

/** The system's clocks, named, for tests that run real servers and real timers (the simulator, WireMock). */
public final class TestClocks {
    /** The system's ticker, sleeper and UTC wall clock. */
    public static final Clocks SYSTEM = Clocks.system(Clock.systemUTC());

    private TestClocks() {}
}
