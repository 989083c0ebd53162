package dev.promptbench.sim;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When the simulator's sends may happen: each waits for its due time, and longer while a stall holds
 * it; a send that must wait is kept by the one timer thread and run by a worker when its time comes.
 */
final class Timetable {

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final StallWindow stall;
    private final LongSupplier nanoTime;

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
}
