package dev.promptbench.run;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;

/**
 * Admits a worker's next request when it may be sent, and hears how it went. Pacing budgets (RPM/TPM),
 * the shared 429 cool-down and adaptive concurrency admit requests (the "gates" of a run: named apart
 * from the {@code gate} package of CI thresholds); the default lets everything through.
 * A worker holds the prompt it took while it waits, so at most one prompt per worker is taken ahead.
 */
public interface Admission {
    /** Blocks until {@code request} may be sent. */
    void enter(ChatRequest request) throws InterruptedException;

    /** Called once the request that entered has its final outcome. */
    void leave(ChatRequest request, Outcome outcome);

    /**
     * Blocks until {@code request} may be sent to {@code endpoint} (the dispatcher routes first, then
     * enters): gates that keep a budget per endpoint override this; the others need not know where.
     */
    default void enter(ChatRequest request, Endpoint endpoint) throws InterruptedException {
        enter(request);
    }

    /** Called once the request that entered for {@code endpoint} has its final outcome (null: never sent). */
    default void leave(ChatRequest request, Endpoint endpoint, Outcome outcome) {
        leave(request, outcome);
    }

    /** A gate that never holds anyone. */
    static Admission open() {
        return new Admission() {
            @Override public void enter(ChatRequest request) {}
            @Override public void leave(ChatRequest request, Outcome outcome) {}
        };
    }

    /** Passes {@code first}, then {@code second}; tells both how it went, in reverse order. */
    static Admission both(Admission first, Admission second) {
        return new Admission() {
            @Override public void enter(ChatRequest request) throws InterruptedException {
                first.enter(request);
                second.enter(request);
            }

            @Override public void leave(ChatRequest request, Outcome outcome) {
                second.leave(request, outcome);
                first.leave(request, outcome);
            }

            @Override public void enter(ChatRequest request, Endpoint endpoint) throws InterruptedException {
                first.enter(request, endpoint);
                second.enter(request, endpoint);
            }

            @Override public void leave(ChatRequest request, Endpoint endpoint, Outcome outcome) {
                second.leave(request, endpoint, outcome);
                first.leave(request, endpoint, outcome);
            }
        };
    }
}
