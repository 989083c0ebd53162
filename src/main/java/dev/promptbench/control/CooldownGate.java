package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Outcome;

import dev.promptbench.run.Gate;
import dev.promptbench.run.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The 429 cool-down shared by every worker of a run: each 429 closes it until its Retry-After has
 * passed, and no worker sends while it is closed, so a pool of 64 does not keep hammering a limit
 * that one of them has already hit.
 */
public final class CooldownGate implements Gate {
    /** Longest closure: deadlines stay comparable as {@code nanoTime} differences (below 2^63). */
    private static final long MAX_CLOSE_NANOS = Long.MAX_VALUE / 4;

    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever the deadline changes, so waiters recompute how long to wait. */
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private boolean closed;
    private long openAtNanos;
    private long waitedNanos;
    private int closures;

    /** A gate that starts open; {@code ticker} is the clock its deadlines are measured on. */
    public CooldownGate(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Closes the gate for {@code duration} from now, unless it is already closed for longer: a
     * closure is extended, never shortened.
     */
    public void closeFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        long until = ticker.nanoTime() + Math.min(RetryPolicy.nanos(duration), MAX_CLOSE_NANOS);
        lock.lock();
        try {
            if (!isClosed(ticker.nanoTime())) {
                closed = true;
                openAtNanos = until;
                closures++;
            } else if (until - openAtNanos > 0) {
                openAtNanos = until;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks while the gate is closed; every worker passes here before it sends. */
    @Override
    public void enter(ChatRequest request) throws InterruptedException {
        awaitOpen();
    }

    /** Nothing to release: the gate holds no permits. */
    @Override
    public void leave(ChatRequest request, Outcome outcome) {}

    /**
     * Blocks until the gate is open (at once when it is), waking again whenever the deadline
     * moves.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the run is cancelled)
     */
    public void awaitOpen() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long start = ticker.nanoTime();
            long now = start;
            if (!isClosed(now)) {
                return;
            }
            try {
                while (isClosed(now)) {
                    // Spurious wake-ups and extensions both land here: the loop re-reads the deadline.
                    changed.awaitNanos(openAtNanos - now);
                    now = ticker.nanoTime();
                }
            } finally {
                // An interrupted wait still counts: it was time a worker spent held.
                waitedNanos += ticker.nanoTime() - start;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the gate is closed right now. */
    public boolean isClosed() {
        lock.lock();
        try {
            return isClosed(ticker.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** Total time workers have spent held by this gate, in nanoseconds, summed over workers. */
    public long waitedNanos() {
        lock.lock();
        try {
            return waitedNanos;
        } finally {
            lock.unlock();
        }
    }

    /** How many times the gate went from open to closed (extensions of a closure are not counted). */
    public int closures() {
        lock.lock();
        try {
            return closures;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter to re-read the clock: for tests whose ticker jumps without real time passing. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many threads are parked waiting for the gate to open (tests use it to know a worker is held). */
    int parked() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(changed);
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed(long now) {
        if (closed && openAtNanos - now <= 0) {
            closed = false;
        }
        return closed;
    }
}
