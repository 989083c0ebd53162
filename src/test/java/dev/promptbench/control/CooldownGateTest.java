package dev.promptbench.control;

import static dev.promptbench.control.GateTestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shared cool-down with real threads and a fake clock: a held worker passes only once the
 * clock is past the deadline and the gate has been signalled.
 */
class CooldownGateTest {
    private static final long GUARD_SECONDS = 10;

    private final FakeTicker ticker = new FakeTicker();
    private final CooldownGate gate = new CooldownGate(ticker);
    private final List<Thread> threads = new ArrayList<>();

    @Test
    void anOpenGateLetsEveryoneThrough() throws InterruptedException {
        gate.enter(null);
        gate.awaitOpen();
        gate.leave(null, null);

        assertFalse(gate.isClosed());
        assertEquals(0, gate.waitedNanos());
        assertEquals(0, gate.closures());
    }

    @Test
    void aWorkerIsHeldUntilTheClockPassesTheDeadline() throws Exception {
        gate.closeFor(Duration.ofMinutes(10));
        CompletableFuture<Void> passed = worker(() -> gate.enter(null));
        awaitParked(gate, 1);

        // Woken one second early: it must look at the clock again and go back to waiting.
        ticker.advance(Duration.ofMinutes(10).minusSeconds(1));
        gate.wake();
        awaitParked(gate, 1);
        assertFalse(passed.isDone());

        ticker.advance(Duration.ofSeconds(1));
        gate.wake();
        passed.get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertEquals(Duration.ofMinutes(10).toNanos(), gate.waitedNanos());
        assertFalse(gate.isClosed());
    }

    @Test
    void waitersAreSpreadOutWhenTheGateOpens() throws Exception {
        CooldownGate staggered = new CooldownGate(ticker, () -> 0.5);
        staggered.closeFor(Duration.ofMillis(200));
        CompletableFuture<Void> passed = worker(() -> staggered.enter(null));
        awaitParked(staggered, 1);

        // Open, but this waiter's share is 0.5 x half the closure: 50 ms more.
        ticker.advance(Duration.ofMillis(200));
        staggered.wake();
        awaitParked(staggered, 1);
        assertFalse(passed.isDone(), "still staggering");

        ticker.advance(Duration.ofMillis(50));
        staggered.wake();
        passed.get(GUARD_SECONDS, TimeUnit.SECONDS);
        assertEquals(Duration.ofMillis(250).toNanos(), staggered.waitedNanos());
    }

    @Test
    void aLongerClosureReachesWorkersAlreadyWaiting() throws Exception {
        gate.closeFor(Duration.ofSeconds(10));
        CompletableFuture<Void> passed = worker(gate::awaitOpen);
        awaitParked(gate, 1);

        gate.closeFor(Duration.ofSeconds(60));
        // closeFor signalled: the worker re-read the deadline and is waiting again.
        awaitParked(gate, 1);
        ticker.advance(Duration.ofSeconds(10));
        gate.wake();
        awaitParked(gate, 1);
        assertFalse(passed.isDone(), "the first deadline has passed, but not the extended one");

        ticker.advance(Duration.ofSeconds(50));
        gate.wake();
        passed.get(GUARD_SECONDS, TimeUnit.SECONDS);
        assertEquals(Duration.ofSeconds(60).toNanos(), gate.waitedNanos());
    }

    @Test
    void aClosureIsExtendedButNeverShortened() {
        gate.closeFor(Duration.ofSeconds(10));
        gate.closeFor(Duration.ofSeconds(5));
        ticker.advance(Duration.ofSeconds(6));
        assertTrue(gate.isClosed(), "a shorter Retry-After must not reopen the gate early");

        gate.closeFor(Duration.ofSeconds(20));
        ticker.advance(Duration.ofSeconds(19));
        assertTrue(gate.isClosed());
        ticker.advance(Duration.ofSeconds(1));
        assertFalse(gate.isClosed());
        assertEquals(1, gate.closures(), "extensions are not new closures");
    }

    @Test
    void closuresCountEachTimeTheGateShuts() {
        gate.closeFor(Duration.ofSeconds(1));
        gate.closeFor(Duration.ofSeconds(2));
        ticker.advance(Duration.ofSeconds(2));
        gate.closeFor(Duration.ofSeconds(1));

        assertEquals(2, gate.closures());
    }

    @Test
    void zeroAndNegativeDurationsLeaveTheGateOpen() {
        gate.closeFor(Duration.ZERO);
        gate.closeFor(Duration.ofSeconds(-3));

        assertFalse(gate.isClosed());
        assertEquals(0, gate.closures());
    }

    @Test
    void anAbsurdRetryAfterDoesNotOverflowTheDeadline() {
        gate.closeFor(Duration.ofNanos(Long.MAX_VALUE));
        ticker.advance(Duration.ofDays(1000));

        assertTrue(gate.isClosed());
    }

    @Test
    void everyHeldWorkerPassesAndTheirWaitsAddUp() throws Exception {
        gate.closeFor(Duration.ofSeconds(30));
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            workers.add(worker(() -> gate.enter(null)));
        }
        awaitParked(gate, 8);

        ticker.advance(Duration.ofSeconds(30));
        gate.wake();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertEquals(8 * Duration.ofSeconds(30).toNanos(), gate.waitedNanos());
    }

    @Test
    void anInterruptedWaiterGetsInterruptedException() throws Exception {
        gate.closeFor(Duration.ofMinutes(5));
        CompletableFuture<Void> held = worker(() -> gate.enter(null));
        awaitParked(gate, 1);
        ticker.advance(Duration.ofSeconds(3));

        threads.get(0).interrupt();

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> held.get(GUARD_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, failed.getCause());
        assertEquals(Duration.ofSeconds(3).toNanos(), gate.waitedNanos(), "the time held still counts");
        assertTrue(gate.isClosed());
    }

    /** Something that may block. */
    private interface Blocking {
        void run() throws InterruptedException;
    }

    /** Runs {@code action} on a new thread; the future completes when it returns or throws. */
    private CompletableFuture<Void> worker(Blocking action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "cooldown-test-" + threads.size());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return done;
    }
}
