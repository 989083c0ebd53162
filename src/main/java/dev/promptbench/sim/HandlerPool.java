package dev.promptbench.sim;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's handler threads: a few, and more whenever work has been left waiting, up to a bound.
 *
 * <p>Why it must grow: the JDK server reads a request's line and headers on the handler thread, before
 * the simulator's code runs, so a client that sends half a header and stalls holds a thread until the
 * server's request timeout. With a fixed pool of four, four such clients would freeze every other
 * request. Why it grows only when work waits: a burst of hundreds of ordinary requests is read fastest
 * by the few threads there are (each read takes microseconds), and making a thread per request would
 * slow exactly the burst the simulator must absorb. So every 20 ms a timer looks at the
 * queue: work still waiting means the threads are held, and the pool grows by that much; an empty queue
 * lets it shrink back towards its base, idle threads ending after 30 s.
 */
final class HandlerPool {

    /** How often the queue is checked; a stalled client delays others by about this much. */
    static final long CHECK_MILLIS = 20;

    private HandlerPool() {}

    /**
     * @param base  threads kept
     * @param max   the most threads at once
     * @param timer runs the check of the queue
     */
    static ThreadPoolExecutor create(int base, int max, ThreadFactory threads, ScheduledExecutorService timer) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(base, max, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        timer.scheduleWithFixedDelay(() -> adjust(pool, base, max), CHECK_MILLIS, CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        return pool;
    }

    /** Grows the pool by the work left waiting, or lets it shrink towards {@code base} when none waits. */
    static void adjust(ThreadPoolExecutor pool, int base, int max) {
        int waiting = pool.getQueue().size();
        int core = pool.getCorePoolSize();
        if (waiting > 0) {
            // Raising the core size starts threads for the queued work at once.
            pool.setCorePoolSize(Math.min(max, core + waiting));
        } else if (core > base) {
            // Threads beyond it end once idle for the keep-alive time; busy (or held) ones stay.
            pool.setCorePoolSize(Math.max(base, pool.getActiveCount()));
        }
    }
}
