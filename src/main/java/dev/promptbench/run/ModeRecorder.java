package dev.promptbench.run;

import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
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
        RequestResult result;
        if (outcome instanceof Outcome.Success ok) {
            result = new RequestResult(mode, repeat, prompt.index(), prompt.id(),
                    ok.filtered() ? RequestStatus.FILTERED : RequestStatus.OK, ok.finishReason(), ok.httpStatus(),
                    null, 1, 0, dispatched - origin, latency, ok.usage(), lane, endpoint.name(), ok.requestId(),
                    ok.model(), ok.answer());
        } else {
            Outcome.Failure failed = (Outcome.Failure) outcome;
            result = new RequestResult(mode, repeat, prompt.index(), prompt.id(),
                    RequestStatus.ERROR, null, failed.httpStatus(),
                    new RequestError(failed.kind().wireName(), failed.code(), failed.message()), 1, 0,
                    dispatched - origin, latency, null, lane, endpoint.name(), failed.requestId(), null, null);
        }
        record(result);
    }

    void recordInternalError(Prompt prompt, int lane, Endpoint endpoint, long dispatched, RuntimeException bug) {
        String message = bug.getClass().getSimpleName() + (bug.getMessage() == null ? "" : ": " + bug.getMessage());
        record(new RequestResult(mode, repeat, prompt.index(), prompt.id(), RequestStatus.ERROR, null, null,
                new RequestError("internal", null, message), 1, 0, dispatched - origin,
                ticker.nanoTime() - dispatched, null, lane, endpoint.name(), null, null, null));
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
