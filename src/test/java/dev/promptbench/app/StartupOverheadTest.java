package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.clock.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** From the process's start to a moment on the run's clock, whichever clock each part is on. */
class StartupOverheadTest {
    private static final Instant START = Instant.parse("2026-12-03T07:00:00Z");

    @Test
    void addsTheStartToTheMarkAndTheMonotonicTimeAfterIt() {
        StartupOverhead overhead = new StartupOverhead(Optional.of(START), START.plusMillis(600), 5_000_000_000L);

        assertEquals(850.0, overhead.untilMs(5_250_000_000L));
    }

    @Test
    void unknownWhenTheSystemDoesNotTellTheStart() {
        StartupOverhead overhead = new StartupOverhead(Optional.empty(), START, 0);

        assertNull(overhead.untilMs(1_000_000));
    }

    @Test
    void thisProcessStartedBeforeNow() {
        Ticker ticker = Ticker.system();
        Double ms = StartupOverhead.sinceProcessStart(ticker, Clock.systemUTC()).untilMs(ticker.nanoTime());

        assertTrue(ms == null || ms > 0, String.valueOf(ms));
    }
}
