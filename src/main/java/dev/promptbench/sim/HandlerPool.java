package dev.promptbench.sim;

import dev.promptbench.clock.Ticker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's handler threads: a few, and more while clients hold some of them, up to a bound.
 *
 * <p>Why it must grow: the JDK server reads a request's line and headers on the handler thread, before
 * the simulator's code runs, so a client that sends half a header and stalls holds a thread until the
 * server's request timeout. With a fixed pool of four, four such clients would freeze every other
 * request. Why it grows only then: a burst of hundreds of ordinary requests is read fastest by the few
 * threads there are (each read takes microseconds), and on a busy box more threads, or making them, only
 * slow the burst down. So the pool tells a held thread from a busy one: a task that has run for
 * {@link #HELD_MILLIS} without reaching the simulator's handler (or ending) is waiting on its client.
 * Every 10 ms a timer looks, and while work waits and every thread is held the pool grows by the work
 * waiting (at most {@link #STEP} a look), the threads made by the timer, not by the dispatcher that
 * hands requests out. When nothing waits, threads beyond
 * the base end after 30 s idle.
 */
final class HandlerPool extends ThreadPoolExecutor {

    /** How often the timer looks at the pool. */
    static final long CHECK_MILLIS = 10;
    /** The most threads added at one look. */
    static final int STEP = 8;
    /** How long a task may run before reaching the handler until its thread counts as held by a client. */
    static final long HELD_MILLIS = 25;

    private final int base;
    private final int max;
    /** When each thread's current task began, until it reaches the handler or ends. */
    private final Map<Thread, Long> reading = new ConcurrentHashMap<>();
    private final Ticker ticker;

    private HandlerPool(int base, int max, ThreadFactory threads, Ticker ticker) {
        super(base, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        this.base = base;
        this.max = max;
        this.ticker = ticker;
    }

    /**
     * @param base  threads kept, made at once
     * @param max   the most threads at once
     * @param timer  runs the look at the pool
     * @param ticker the clock a task's time is measured on: the system's, as the timer's is
     */
    static HandlerPool create(int base, int max, ThreadFactory threads, ScheduledExecutorService timer,
                              Ticker ticker) {
        HandlerPool pool = new HandlerPool(base, max, threads, ticker);
        pool.prestartAllCoreThreads();
        timer.scheduleWithFixedDelay(pool::adjust, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return pool;
    }

    /** Called by the handler when it starts: the request has been read, the thread is not held. */
    void reachedHandler() {
        reading.remove(Thread.currentThread());
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        reading.put(thread, ticker.nanoTime());
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        reading.remove(Thread.currentThread());
    }

    /** Grows while work waits and every thread is held, or lets the pool shrink when none waits. */
    private void adjust() {
        int waiting = getQueue().size();
        int core = getCorePoolSize();
        if (waiting > 0) {
            long now = ticker.nanoTime();
            long held = reading.values().stream()
                    .filter(start -> now - start > TimeUnit.MILLISECONDS.toNanos(HELD_MILLIS))
                    .count();
            // Only when every thread is held: a pool with one free thread is merely busy, and more
            // threads would slow it down.
            if (held >= getPoolSize() && core < max) {
                setCorePoolSize(Math.min(max, core + Math.min(STEP, waiting))); // starts threads now
            }
        } else if (core > base) {
            setCorePoolSize(base); // threads beyond it end once idle for the keep-alive time
        }
    }
}
