package dev.promptbench.run;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import dev.promptbench.clock.Ticker;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.ThrottleCause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one mode of a batch: a fixed pool of workers, each taking the next prompt from the source
 * only when it is free, so at most {@code workers} prompts are ever taken ahead and memory stays
 * proportional to the pool, not to the file.
 *
 * <p>Every prompt ends with exactly one record: a result, or {@code not_run} when the run was
 * cancelled first. Records reach the sink one at a time, under one lock.
 */
public final class Dispatcher {
    private static final long POLL_MILLIS = 100;

    private final Responder responder;
    private final RequestTemplate template;
    private final Router router;
    private final Admission gate;
    private final Ticker ticker;

    public Dispatcher(Responder responder, RequestTemplate template, Router router, Admission gate, Ticker ticker) {
        this.responder = responder;
        this.template = template;
        this.router = router;
        this.gate = gate;
        this.ticker = ticker;
    }

    /** A prompt taken by a worker, with the time it is scheduled to be sent. */
    private record Taken(Prompt prompt, long scheduledNanos) {}

    /** What one mode's workers share: the source, its pacer, the recorder and the cancel flag. */
    private record Sending(PromptSource source, Pacer pacer, ModeRecorder recorder, RunControl control) {}

    /**
     * Sends every prompt of {@code source} as {@code plan} says and records each result.
     *
     * @param warmup true for warm-up requests: recorded as such and left out of statistics
     * @throws PromptFileException when the prompt file cannot be read mid-run
     */
    public ModeTimes run(Plan plan, int repeat, boolean warmup, PromptSource source, ResultSink sink,
                         RunControl control) throws PromptFileException, InterruptedException {
        Sending sending = new Sending(source, Pacer.of(plan), new ModeRecorder(plan, repeat, warmup, sink, ticker), control);
        ExecutorService pool = Executors.newFixedThreadPool(plan.workers(), new WorkerThreads(plan.mode()));
        try {
            List<Future<?>> workers = new ArrayList<>(plan.workers());
            for (int lane = 0; lane < plan.workers(); lane++) {
                int workerLane = lane;
                workers.add(pool.submit(() -> {
                    work(workerLane, sending);
                    return null;
                }));
            }
            Throwable failure = awaitAll(workers, control);
            if (failure instanceof PromptFileException unreadable) throw unreadable;
            // Whatever the workers did not take (a cancelled run) is recorded as not run.
            try {
                recordRestAsNotRun(sending);
            } catch (RuntimeException sinkBroken) {
                if (failure == null) throw sinkBroken;
                failure.addSuppressed(sinkBroken);
            }
            if (failure != null) rethrow(failure);
        } finally {
            pool.shutdownNow();
        }
        return sending.recorder().times();
    }

    /** Sends {@code source} as {@code plan} says: measured requests. */
    public ModeTimes run(Plan plan, int repeat, PromptSource source, ResultSink sink, RunControl control)
            throws PromptFileException, InterruptedException {
        return run(plan, repeat, false, source, sink, control);
    }

    private void work(int lane, Sending sending) throws PromptFileException, InterruptedException {
        while (!sending.control().isCancelled()) {
            Taken taken = take(sending);
            if (taken == null) return;
            ChatRequest request = template.requestFor(taken.prompt());
            // Routed before the gate, so per-endpoint budgets know whose budget to charge.
            Endpoint endpoint = router.endpointFor(taken.prompt().index());
            boolean admitted = false;
            // Waiting for its send time or at the gate, nothing is in flight: a cancel wakes the worker at once.
            Thread worker = Thread.currentThread();
            try (RunControl.Registration wake = sending.control().whenCancelled(worker::interrupt)) {
                waitUntil(taken.scheduledNanos());
                gate.enter(request, endpoint);
                admitted = true;
            } catch (InterruptedException e) {
                if (!sending.control().isCancelled()) {
                    sending.recorder().recordNotRun(taken.prompt(), endpoint);
                    throw e;
                }
            }
            if (sending.control().isCancelled()) {
                // Cancelled while this worker waited: it was never sent. The cancel's interrupt is cleared, as
                // it would close the results file's channel when this worker writes the record.
                Thread.interrupted();
                sending.recorder().recordNotRun(taken.prompt(), endpoint);
                if (admitted) gate.leave(request, endpoint, null);
                return;
            }
            Outcome outcome = send(lane, taken, request, endpoint, sending);
            if (outcome != null) router.observe(endpoint, outcome);
            gate.leave(request, endpoint, outcome);
        }
    }

    /** Takes the next prompt and gives it its scheduled time, both in dispatch order. */
    private static Taken take(Sending sending) throws PromptFileException {
        synchronized (sending) {
            Prompt prompt = sending.source().next();
            return prompt == null ? null : new Taken(prompt, sending.pacer().next(sending.recorder().now()));
        }
    }

    private void waitUntil(long deadline) throws InterruptedException {
        long remaining;
        while ((remaining = deadline - ticker.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }

    /** Sends one request and records its outcome; null when the responder broke its contract and threw. */
    private Outcome send(int lane, Taken taken, ChatRequest request, Endpoint endpoint, Sending sending) {
        Prompt prompt = taken.prompt();
        long sent = sending.recorder().dispatched();
        Outcome outcome;
        // After the grace, closing the client ends every HTTP call; a worker stuck elsewhere (running a token
        // command for a refresh) is interrupted. The interrupt is cleared once the call is over, as it would
        // close the results file's channel when this worker writes the record.
        try (RunControl.Registration abort = sending.control().whenAborted(Thread.currentThread()::interrupt)) {
            outcome = responder.call(request, endpoint);
        } catch (RuntimeException bug) {
            Thread.interrupted();
            // A responder must not throw; if one does, the prompt is still accounted for.
            sending.recorder().recordInternalError(prompt, lane, endpoint, taken.scheduledNanos(), sent, bug);
            return null;
        }
        Thread.interrupted();
        if (outcome instanceof Outcome.Failure failure && failure.stopsRun()) {
            sending.control().cancel(RunControl.Cause.FATAL_ENDPOINT, failure.throttle() == ThrottleCause.QUOTA_EXHAUSTED
                    ? "429 quota_exhausted: " + failure.message() + " — " + ThrottleCause.QUOTA_EXHAUSTED.advice()
                    : failure.kind().wireName() + ": " + failure.message());
        }
        sending.recorder().record(prompt, lane, endpoint, taken.scheduledNanos(), sent, outcome);
        return outcome;
    }

    /**
     * Waits for every worker. After a cancel, requests in flight get the control's grace period;
     * then they are aborted, so the run always ends. A worker that fails cancels the run with its own
     * cause, and the others still finish and record what they took; the first failure is returned.
     */
    private static Throwable awaitAll(List<Future<?>> workers, RunControl control) throws InterruptedException {
        Throwable first = null;
        boolean aborted = false;
        for (Future<?> worker : workers) {
            while (true) {
                try {
                    worker.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    if (!aborted && control.graceExpired()) {
                        aborted = true;
                        control.abortInFlight();
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof PromptFileException) {
                        control.cancel(RunControl.Cause.INPUT, "prompt file could not be read: " + cause.getMessage());
                    } else {
                        control.cancel(RunControl.Cause.INTERNAL, "a worker failed: " + describe(cause));
                    }
                    if (first == null) first = cause;
                    break;
                }
            }
        }
        return first;
    }

    private static String describe(Throwable failure) {
        // An unchecked I/O error's message repeats its cause's; the cause says it more plainly.
        Throwable shown = failure instanceof java.io.UncheckedIOException && failure.getCause() != null
                ? failure.getCause() : failure;
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }

    private static void rethrow(Throwable failure) throws PromptFileException, InterruptedException {
        if (failure instanceof PromptFileException pfe) throw pfe;
        if (failure instanceof InterruptedException ie) throw ie;
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error error) throw error;
        throw new IllegalStateException(failure);
    }

    private void recordRestAsNotRun(Sending sending) throws PromptFileException {
        Prompt prompt;
        while ((prompt = sending.source().next()) != null) {
            sending.recorder().recordNotRun(prompt, router.endpointFor(prompt.index()));
        }
    }

    /** Names worker threads after their mode, for thread dumps. */
    private static final class WorkerThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger();

        WorkerThreads(Mode mode) { this.prefix = "promptbench-" + mode.wireName() + "-"; }

        @Override public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
