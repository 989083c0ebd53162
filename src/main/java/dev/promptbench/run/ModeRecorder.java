package dev.promptbench.run;

import dev.promptbench.client.Attempts;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.client.Usage;
import dev.promptbench.prompt.Prompt;

/**
 * Turns outcomes into final records for one mode and hands them to the sink one at a time; keeps
 * the first-dispatch and last-record times that define the mode's wall time.
 */
final class ModeRecorder {
    private final Mode mode;
    private final int repeat;
    private final ResultSink sink;
    private final Ticker ticker;
    private final long origin;
    private final Object lock = new Object();
    private long firstDispatch = Long.MIN_VALUE;
    private long lastRecord = Long.MIN_VALUE;

    ModeRecorder(Mode mode, int repeat, ResultSink sink, Ticker ticker) {
        this.mode = mode;
        this.repeat = repeat;
        this.sink = sink;
        this.ticker = ticker;
        this.origin = ticker.nanoTime();
    }

    /** Notes that a request is being dispatched now and returns the moment. */
    long dispatched() {
        long now = ticker.nanoTime();
        synchronized (lock) {
            if (firstDispatch == Long.MIN_VALUE) firstDispatch = now;
        }
        return now;
    }

    void record(Prompt prompt, int lane, Endpoint endpoint, long dispatched, Outcome outcome) {
        Timing timing = outcome.timing();
        long latency = timing.endNanos() == Timing.UNSET || timing.sentNanos() == Timing.UNSET
                ? 0 : timing.latencyNanos();
        RequestStatus status;
        RequestError error = null;
        String finishReason = null;
        String model = null;
        String answer = null;
        Usage usage = null;
        if (outcome instanceof Outcome.Success ok) {
            status = ok.filtered() ? RequestStatus.FILTERED : RequestStatus.OK;
            finishReason = ok.finishReason();
            model = ok.model();
            answer = ok.answer();
            usage = ok.usage();
        } else {
            Outcome.Failure failed = (Outcome.Failure) outcome;
            // Aborted after a cancel (Ctrl-C past the grace period): it never finished, so it is not run.
            status = failed.kind() == ErrorKind.INTERRUPTED ? RequestStatus.NOT_RUN : RequestStatus.ERROR;
            error = new RequestError(failed.kind().wireName(), failed.code(), failed.message());
        }
        record(new RequestResult(mode, repeat, prompt.index(), prompt.id(), status, finishReason,
                outcome.httpStatus(), error, outcome.attempts(), dispatched - origin, ticker.nanoTime() - origin, latency, usage, lane, endpoint.name(), outcome.requestId(), model, answer));
    }

    void recordInternalError(Prompt prompt, int lane, Endpoint endpoint, long dispatched, RuntimeException bug) {
        String message = bug.getClass().getSimpleName() + (bug.getMessage() == null ? "" : ": " + bug.getMessage());
        record(new RequestResult(mode, repeat, prompt.index(), prompt.id(), RequestStatus.ERROR, null, null,
                new RequestError("internal", null, message), Attempts.FIRST, dispatched - origin,
                ticker.nanoTime() - origin, ticker.nanoTime() - dispatched, null, lane, endpoint.name(), null, null, null));
    }

    void recordNotRun(Prompt prompt, Endpoint endpoint) {
        record(RequestResult.notRun(mode, repeat, prompt.index(), prompt.id(), endpoint.name()));
    }

    private void record(RequestResult result) {
        synchronized (lock) {
            sink.accept(result);
            if (result.ran()) lastRecord = ticker.nanoTime();
        }
    }

    Mode mode() { return mode; }

    ModeTimes times() {
        synchronized (lock) {
            if (firstDispatch == Long.MIN_VALUE) return new ModeTimes(origin, origin);
            return new ModeTimes(firstDispatch, lastRecord == Long.MIN_VALUE ? firstDispatch : lastRecord);
        }
    }
}
