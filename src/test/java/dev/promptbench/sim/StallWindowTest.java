package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stall on a made-up clock: what it holds back, and until when. */
class StallWindowTest {

    private static final long SECOND = 1_000_000_000L;
    /** An arbitrary start reading, near the wrap of the nano clock to show differences are used. */
    private static final long STARTED = Long.MAX_VALUE - 11 * SECOND;

    private final StallWindow window = new StallWindow(
            new SimulatorSettings.Stall(Duration.ofSeconds(10), Duration.ofSeconds(2)), STARTED);

    @Test
    void sendsDueInsideTheStallWaitForItsEnd() {
        assertEquals(STARTED + 12 * SECOND, window.release(STARTED + 10 * SECOND));
        assertEquals(STARTED + 12 * SECOND, window.release(STARTED + 11 * SECOND));
        assertEquals(STARTED + 12 * SECOND, window.release(STARTED + 12 * SECOND - 1));
    }

    @Test
    void sendsDueBeforeOrAfterGoOnTime() {
        assertEquals(STARTED, window.release(STARTED));
        assertEquals(STARTED + 10 * SECOND - 1, window.release(STARTED + 10 * SECOND - 1));
        assertEquals(STARTED + 12 * SECOND, window.release(STARTED + 12 * SECOND));
        assertEquals(STARTED + 30 * SECOND, window.release(STARTED + 30 * SECOND));
    }

    @Test
    void noStallHoldsNothing() {
        StallWindow none = new StallWindow(SimulatorSettings.Stall.none(), STARTED);
        assertEquals(STARTED, none.release(STARTED));
        assertEquals(STARTED + SECOND, none.release(STARTED + SECOND));
    }

    @Test
    void theTimetableHoldsOverdueSendsWhileStalled() {
        AtomicLong now = new AtomicLong(STARTED + 11 * SECOND);
        Timetable timetable = new Timetable(null, null, window, now::get);
        assertEquals(SECOND, timetable.waitFor(STARTED + 5 * SECOND), "overdue, but the stall is on now");
        assertEquals(SECOND, timetable.waitFor(STARTED + 11 * SECOND));
        assertEquals(2 * SECOND, timetable.waitFor(STARTED + 13 * SECOND), "due after the stall: on time");
        now.set(STARTED + 12 * SECOND);
        assertEquals(0, timetable.waitFor(STARTED + 5 * SECOND), "the stall is over: at once");
        now.set(STARTED + 9 * SECOND);
        assertEquals(3 * SECOND, timetable.waitFor(STARTED + 10 * SECOND), "due at the start: held to the end");
    }

    @Test
    void stallsDescribeThemselvesAndRefuseNegativeTimes() {
        assertEquals("stall at 10s for 2s",
                new SimulatorSettings.Stall(Duration.ofSeconds(10), Duration.ofSeconds(2)).describe());
        assertEquals("stall at 0.25s for 1.5s",
                new SimulatorSettings.Stall(Duration.ofMillis(250), Duration.ofMillis(1500)).describe());
        assertEquals("", SimulatorSettings.Stall.none().describe());
        assertFalse(SimulatorSettings.Stall.none().active());
        assertTrue(new SimulatorSettings.Stall(Duration.ZERO, Duration.ofMillis(1)).active());
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatorSettings.Stall(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatorSettings.Stall(Duration.ZERO, Duration.ofSeconds(-1)));
    }
}
