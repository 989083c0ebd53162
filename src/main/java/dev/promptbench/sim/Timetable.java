package dev.promptbench.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When the simulator's sends may happen: each waits for its due time, and longer while a stall holds
 * it; a send that must wait is kept by the one timer thread and run by a worker when its time comes.
 *
 * <p>Sends can also be held by hand until released (a stall that ends when its holder says, not when the
 * clock does), so a test can have every request of a burst received and waiting before any is answered,
 * however slowly a loaded machine reads them.
 */
final class Timetable {

    /** A send held by hand: what to run on release, and what instead if the simulator is closing. */
    private record Held(Runnable task, Runnable closing) {}

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final StallWindow stall;
    private final LongSupplier nanoTime;
    private final Object holdLock = new Object();
    /** True while sends are held by hand; read on every send, so volatile rather than under the lock. */
    private volatile boolean holding;
    private List<Held> held = new ArrayList<>(); // guarded by holdLock

    Timetable(ScheduledExecutorService timer, ExecutorService workers, StallWindow stall, LongSupplier nanoTime) {
        this.timer = timer;
        this.workers = workers;
        this.stall = stall;
        this.nanoTime = nanoTime;
    }

    /** The monotonic clock, in nanoseconds. */
    long now() {
        return nanoTime.getAsLong();
    }

    /**
     * Nanoseconds from now until something due at {@code dueNanos} may be sent; 0 or less means now.
     * Something overdue is checked against the stall at the present moment, so it too is held.
     */
    long waitFor(long dueNanos) {
        if (holding) {
            return 1; // held by hand: every send waits, through later()
        }
        long now = now();
        long from = dueNanos - now > 0 ? dueNanos : now;
        return stall.release(from) - now;
    }

    /**
     * Runs {@code task} on a worker after {@code waitNanos}.
     *
     * @param closing run instead of {@code task} if the simulator closed in the meantime
     * @return false, without running anything, if the simulator is already closing
     */
    boolean later(long waitNanos, Runnable task, Runnable closing) {
        synchronized (holdLock) {
            if (holding) {
                held.add(new Held(task, closing));
                holdLock.notifyAll();
                return true;
            }
        }
        try {
            // The timer only keeps time; writing is the workers' job, so a slow reader cannot hold
            // up every other send that is due.
            timer.schedule(() -> {
                try {
                    workers.execute(task);
                } catch (RejectedExecutionException e) {
                    closing.run();
                }
            }, waitNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Holds every send from now on, each at its next write, until {@link #release()}. */
    void hold() {
        synchronized (holdLock) {
            holding = true;
        }
    }

    /** Waits until {@code count} sends are held; false if {@code timeout} passed first. */
    boolean awaitHeld(int count, Duration timeout) throws InterruptedException {
        long deadline = now() + timeout.toNanos();
        synchronized (holdLock) {
            while (held.size() < count) {
                long left = deadline - now();
                if (left <= 0) {
                    return false;
                }
                holdLock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Lets the held sends go (each then waits for its own due time as usual) and holds nothing more. */
    void release() {
        List<Held> released;
        synchronized (holdLock) {
            holding = false;
            released = held;
            held = new ArrayList<>();
        }
        for (Held send : released) {
            try {
                workers.execute(send.task());
            } catch (RejectedExecutionException e) {
                send.closing().run();
            }
        }
    }
}
