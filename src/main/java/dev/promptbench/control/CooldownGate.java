package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Outcome;

import dev.promptbench.run.Admission;
import dev.promptbench.clock.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.function.DoubleSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The 429 cool-down shared by every worker of a run: each 429 closes it until its Retry-After has
 * passed, and no worker sends while it is closed, so a pool of 64 does not keep hammering a limit
 * that one of them has already hit.
 */
public final class CooldownGate implements Admission {
    /** Longest closure: deadlines stay comparable as {@code nanoTime} differences (below 2^63). */
    private static final long MAX_CLOSE_NANOS = Long.MAX_VALUE / 4;
    /** Longest extra wait that spreads the waiters out when the gate opens. */
    private static final long MAX_STAGGER_NANOS = 250_000_000L;

    private final Ticker ticker;
    private final DoubleSupplier stagger;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever the deadline changes, so waiters recompute how long to wait. */
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private boolean closed;
    private long openAtNanos;
    private long closedForNanos;
    private long waitedNanos;
    private int closures;

    /** A gate that starts open; {@code ticker} is the clock its deadlines are measured on. */
    public CooldownGate(Ticker ticker) {
        this(ticker, () -> 0);
    }

    /**
     * A gate whose waiters, when it opens, each wait a further random share ({@code stagger}, 0 to 1)
     * of half the closure (at most 250 ms): released all at once, a pool of 64 would meet the limit
     * again together.
     */
    public CooldownGate(Ticker ticker, DoubleSupplier stagger) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.stagger = Objects.requireNonNull(stagger, "stagger");
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
            long now = ticker.nanoTime();
            if (!isClosed(now)) {
                closed = true;
                openAtNanos = until;
                closedForNanos = until - now;
                closures++;
            } else if (until - openAtNanos > 0) {
                openAtNanos = until;
                closedForNanos = Math.max(closedForNanos, until - now);
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
                long spread = (long) (stagger.getAsDouble() * Math.min(closedForNanos / 2, MAX_STAGGER_NANOS));
                long until = now + spread;
                while (until - now > 0 && !isClosed(now)) {
                    changed.awaitNanos(until - now);
                    now = ticker.nanoTime();
                }
                while (isClosed(now)) {
                    // Closed again while staggering: wait for that closure too (no second stagger).
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
