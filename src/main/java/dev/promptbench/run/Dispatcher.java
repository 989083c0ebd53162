package dev.promptbench.run;

import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final Gate gate;
    private final Ticker ticker;

    public Dispatcher(Responder responder, RequestTemplate template, Router router, Gate gate, Ticker ticker) {
        this.responder = responder;
        this.template = template;
        this.router = router;
        this.gate = gate;
        this.ticker = ticker;
    }

    /**
     * Sends every prompt of {@code source} as {@code plan} says and records each result.
     *
     * @throws PromptFileException when the prompt file cannot be read mid-run
     */
    public ModeTimes run(Plan plan, int repeat, PromptSource source, ResultSink sink, RunControl control)
            throws PromptFileException, InterruptedException {
        ModeRecorder recorder = new ModeRecorder(plan.mode(), repeat, sink, ticker);
        ExecutorService pool = Executors.newFixedThreadPool(plan.workers(), new WorkerThreads(plan.mode()));
        try {
            List<Future<?>> workers = new ArrayList<>(plan.workers());
            for (int lane = 0; lane < plan.workers(); lane++) {
                int workerLane = lane;
                workers.add(pool.submit(() -> {
                    work(workerLane, source, recorder, control);
                    return null;
                }));
            }
            PromptFileException readFailure = awaitAll(workers, control);
            // Whatever the workers did not take (cancelled run) is recorded as not run.
            if (readFailure == null) recordRestAsNotRun(source, recorder);
            if (readFailure != null) throw readFailure;
        } finally {
            pool.shutdownNow();
        }
        return recorder.times();
    }

    private void work(int lane, PromptSource source, ModeRecorder recorder, RunControl control)
            throws PromptFileException, InterruptedException {
        while (!control.isCancelled()) {
            gate.enter();
            try {
                if (control.isCancelled()) return;
                Prompt prompt = source.next();
                if (prompt == null) return;
                send(lane, prompt, recorder, control);
            } finally {
                gate.leave();
            }
        }
    }

    private void send(int lane, Prompt prompt, ModeRecorder recorder, RunControl control) {
        Endpoint endpoint = router.endpointFor(prompt.index());
        long dispatched = recorder.dispatched();
        Outcome outcome;
        try {
            outcome = responder.call(template.requestFor(prompt), endpoint);
        } catch (RuntimeException bug) {
            // A responder must not throw; if one does, the prompt is still accounted for.
            recorder.recordInternalError(prompt, lane, endpoint, dispatched, bug);
            return;
        }
        if (outcome instanceof Outcome.Failure failure && failure.kind().isFatal()) {
            control.cancel(RunControl.Cause.FATAL_ENDPOINT, failure.kind().wireName() + ": " + failure.message());
        }
        recorder.record(prompt, lane, endpoint, dispatched, outcome);
    }

    /**
     * Waits for every worker. After a cancel, requests in flight get the control's grace period;
     * then they are aborted, so the run always ends.
     */
    private static PromptFileException awaitAll(List<Future<?>> workers, RunControl control)
            throws InterruptedException {
        PromptFileException readFailure = null;
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
                    control.cancel(RunControl.Cause.INPUT, "prompt file could not be read");
                    if (e.getCause() instanceof PromptFileException pfe) {
                        readFailure = pfe;
                    } else if (e.getCause() instanceof InterruptedException ie) {
                        throw ie;
                    } else if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    } else {
                        throw new IllegalStateException(e.getCause());
                    }
                    break;
                }
            }
        }
        return readFailure;
    }

    private void recordRestAsNotRun(PromptSource source, ModeRecorder recorder) throws PromptFileException {
        Prompt prompt;
        while ((prompt = source.next()) != null) {
            recorder.recordNotRun(prompt, router.endpointFor(prompt.index()));
        }
    }

    /** Names worker threads after their mode, for thread dumps. */
    private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
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
