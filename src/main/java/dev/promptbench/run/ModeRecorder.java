package dev.promptbench.run;

import dev.promptbench.client.Answer;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.clock.Ticker;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.Reply;
import dev.promptbench.results.request.RequestError;
import dev.promptbench.results.request.RequestKey;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.RequestTimes;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.StreamMetrics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns outcomes into final records for one mode and hands them to the sink one at a time; keeps
 * the first-dispatch and last-record times that define the mode's wall time.
 */
final class ModeRecorder {
    private final Plan plan;
    private final int repeat;
    private final boolean warmup;
    private final ResultSink sink;
    private final Ticker ticker;
    private final long origin;
    private final Object lock = new Object();
    private final AtomicLong firstDispatch = new AtomicLong(Long.MIN_VALUE);
    private long lastRecord = Long.MIN_VALUE;

    ModeRecorder(Plan plan, int repeat, boolean warmup, ResultSink sink, Ticker ticker) {
        this.plan = plan;
        this.repeat = repeat;
        this.warmup = warmup;
        this.sink = sink;
        this.ticker = ticker;
        this.origin = ticker.nanoTime();
    }

    long now() {
        return ticker.nanoTime();
    }

    /** Notes that a request is being sent now and returns the moment. */
    long dispatched() {
        long now = ticker.nanoTime();
        // Lock-free: every request passes here, only the first one sets the time.
        if (firstDispatch.get() == Long.MIN_VALUE) firstDispatch.compareAndSet(Long.MIN_VALUE, now);
        return now;
    }

    void record(Prompt prompt, int lane, Endpoint endpoint, long scheduled, long sent, Outcome outcome) {
        long end = ticker.nanoTime();
        Outcome.Success ok = outcome instanceof Outcome.Success s ? s : null;
        record(new RequestResult(key(prompt), reply(outcome), outcome.attempts(),
                times(scheduled, sent, end, outcome.timing()), ok == null ? null : ok.answer().usage(),
                ok == null ? null : relativeToSend(ok), outcome.connection(), lane, endpoint.name()));
    }

    /** The reply an outcome records. */
    private static Reply reply(Outcome outcome) {
        if (outcome instanceof Outcome.Success ok) {
            Answer answer = ok.answer();
            return new Reply(answer.filtered() ? RequestStatus.FILTERED : RequestStatus.OK, answer.finishReason(),
                    ok.httpStatus(), null, ok.requestId(), answer.model(), answer.text(), ok.rateLimits(),
                    answer.servedTier(), answer.refusal());
        }
        Outcome.Failure failed = (Outcome.Failure) outcome;
        // Aborted after a cancel (Ctrl-C past the grace period): it never finished, so it is not run.
        RequestStatus status = failed.kind() == ErrorKind.INTERRUPTED ? RequestStatus.NOT_RUN : RequestStatus.ERROR;
        return new Reply(status, null, failed.httpStatus(), new RequestError(failed.kind().wireName(), failed.code(),
                failed.message()), failed.requestId(), null, null, failed.rateLimits());
    }

    private RequestKey key(Prompt prompt) {
        return new RequestKey(plan.mode(), repeat, prompt.index(), prompt.id(), warmup);
    }

    /** The stream's instants as offsets from the final attempt's send: the first one is the TTFT. */
    private static StreamMetrics relativeToSend(Outcome.Success ok) {
        StreamMetrics s = ok.answer().stream();
        if (s == null || (s.chunks() == 0 && !s.sawReasoning())) return s;
        long sent = ok.timing().sentNanos();
        return new StreamMetrics(s.chunks() == 0 ? s.firstContentNanos() : s.firstContentNanos() - sent,
                s.chunks() == 0 ? s.lastContentNanos() : s.lastContentNanos() - sent, s.chunks(),
                s.chunkGapP50Nanos(), s.chunkGapMaxNanos(), s.completionTokens(), s.tokensEstimated(),
                s.sawReasoning() ? s.firstReasoningNanos() - sent : StreamMetrics.UNSET);
    }

    /** Open-loop latency runs from the scheduled time; closed-loop latency is the final attempt's. */
    private RequestTimes times(long scheduled, long sent, long end, Timing timing) {
        long latency;
        if (plan instanceof Plan.OpenLoop) {
            latency = end - scheduled;
        } else {
            latency = timing.endNanos() == Timing.UNSET || timing.sentNanos() == Timing.UNSET
                    ? 0 : timing.latencyNanos();
        }
        return new RequestTimes(scheduled - origin, sent - origin, end - origin, latency);
    }

    void recordInternalError(Prompt prompt, int lane, Endpoint endpoint, long scheduled, long sent,
                             RuntimeException bug) {
        long end = ticker.nanoTime();
        String message = bug.getClass().getSimpleName() + (bug.getMessage() == null ? "" : ": " + bug.getMessage());
        record(new RequestResult(key(prompt), Reply.internalError(message), Attempts.FIRST,
                new RequestTimes(scheduled - origin, sent - origin, end - origin, end - sent), null, null, null, lane,
                endpoint.name()));
    }

    void recordNotRun(Prompt prompt, Endpoint endpoint) {
        record(RequestResult.notRun(key(prompt), endpoint.name()));
    }

    private void record(RequestResult result) {
        synchronized (lock) {
            sink.accept(result);
            if (result.ran()) lastRecord = ticker.nanoTime();
        }
    }

    ModeTimes times() {
        synchronized (lock) {
            long first = firstDispatch.get();
            if (first == Long.MIN_VALUE) return new ModeTimes(origin, origin);
            return new ModeTimes(first, lastRecord == Long.MIN_VALUE ? first : lastRecord);
        }
    }
}
