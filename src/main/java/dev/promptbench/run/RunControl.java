package dev.promptbench.run;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The cancel flag of a run: once set (Ctrl-C, a fatal endpoint error), workers take no new
 * prompts and what is left is recorded as not run.
 */
public final class RunControl {
    private final AtomicReference<String> cancelReason = new AtomicReference<>();

    /** Stops dispatching; the first reason given is kept. */
    public void cancel(String reason) {
        cancelReason.compareAndSet(null, reason);
    }

    public boolean isCancelled() { return cancelReason.get() != null; }

    /** Why the run was cancelled, or null. */
    public String cancelReason() { return cancelReason.get(); }
}
