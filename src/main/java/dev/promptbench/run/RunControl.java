package dev.promptbench.run;

import dev.promptbench.clock.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cancel flag of a run. Once set (Ctrl-C, SIGTERM, a fatal endpoint error) workers take no new
 * prompts; requests in flight get a grace period to finish, then are aborted; everything left is
 * recorded as not run.
 */
public final class RunControl {
    private final AtomicReference<Cancellation> cancellation = new AtomicReference<>();
    private final List<Runnable> abortActions = new CopyOnWriteArrayList<>();
    private final List<Registration> cancelActions = new CopyOnWriteArrayList<>();
    private final List<Registration> abortRegistrations = new CopyOnWriteArrayList<>();
    private volatile boolean aborted;
    private final Duration grace;
    private final Ticker ticker;

    /** A control that lets in-flight requests finish for up to {@code grace} after a cancel. */
    public RunControl(Duration grace, Ticker ticker) {
        this.grace = grace;
        this.ticker = ticker;
    }

    /** Why a run stops early. */
    public enum Cause {
        /** The endpoint refused us for good (401, 403, 404). */
        FATAL_ENDPOINT,
        /** Ctrl-C or SIGTERM. */
        SIGNAL,
        /** The prompt file could not be read. */
        INPUT,
        /** A worker failed on something other than a request (a results file that cannot be written). */
        INTERNAL
    }

    private record Cancellation(Cause cause, String reason, long atNanos) {}

    /** Stops dispatching; the first cause given is kept. Runs the actions registered with {@link #whenCancelled}. */
    public void cancel(Cause cause, String reason) {
        if (cancellation.compareAndSet(null, new Cancellation(cause, reason, ticker.nanoTime()))) {
            cancelActions.forEach(Registration::fire);
        }
    }

    /**
     * Runs {@code action} on a cancel (at once if the run is already cancelled) until the returned
     * registration is closed: what stops a phase that has no request in flight to grant grace to (the
     * canary, a warm-up), e.g. closing the client or interrupting the waiting thread. Once {@code close}
     * returns, the action never runs.
     */
    public Registration whenCancelled(Runnable action) {
        Registration registration = new Registration(action, cancelActions);
        cancelActions.add(registration);
        if (isCancelled()) registration.fire();
        return registration;
    }

    /** An action waiting for a cancel; closing it withdraws the action. */
    public static final class Registration implements AutoCloseable {
        private final Runnable action;
        private final List<Registration> owner;
        private boolean active = true;

        private Registration(Runnable action, List<Registration> owner) {
            this.action = action;
            this.owner = owner;
        }

        private synchronized void fire() {
            if (active) {
                active = false;
                action.run();
            }
        }

        @Override
        public synchronized void close() {
            active = false;
            owner.remove(this);
        }
    }

    /** Why the run stopped early, or null. */
    public Cause cancelCause() {
        Cancellation c = cancellation.get();
        return c == null ? null : c.cause();
    }

    public boolean isCancelled() { return cancellation.get() != null; }

    /** Why the run was cancelled, or null. */
    public String cancelReason() {
        Cancellation c = cancellation.get();
        return c == null ? null : c.reason();
    }

    /** True once the run was cancelled longer ago than the grace period. */
    public boolean graceExpired() {
        Cancellation c = cancellation.get();
        return c != null && ticker.nanoTime() - c.atNanos() >= grace.toNanos();
    }

    /** Registers what aborts requests still in flight after the grace period (e.g. closing the client). */
    public void onAbort(Runnable action) {
        abortActions.add(action);
    }

    /**
     * Runs {@code action} when what is in flight is aborted (at once if it already was) until the returned
     * registration is closed: what stops a request stuck where closing the client cannot reach (a token
     * command run for a refresh), e.g. interrupting its worker. Once {@code close} returns, it never runs.
     */
    public Registration whenAborted(Runnable action) {
        Registration registration = new Registration(action, abortRegistrations);
        abortRegistrations.add(registration);
        if (aborted) registration.fire();
        return registration;
    }

    /** Aborts whatever is still in flight. */
    public void abortInFlight() {
        aborted = true;
        abortActions.forEach(Runnable::run);
        abortRegistrations.forEach(Registration::fire);
    }
}
