package dev.promptbench.app;

import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.run.Plan;
import dev.promptbench.stats.ModeSummary;

/**
 * Passes everything on to a listener and warns once when a streamed run gets a plain JSON answer: some
 * compatible servers ignore {@code "stream": true}. Such an answer is recorded, without time to first token.
 */
final class IgnoredStream implements RunListener {
    private final RunListener listener;
    private boolean warned;

    private IgnoredStream(RunListener listener) {
        this.listener = listener;
    }

    /** {@code listener}, watched for ignored streams when the run asks for them. */
    static RunListener watch(RunListener listener, boolean streamRequested) {
        return streamRequested ? new IgnoredStream(listener) : listener;
    }

    @Override
    public void notice(String line) {
        listener.notice(line);
    }

    @Override
    public void modeStarted(Plan plan, int repeat, int prompts) {
        listener.modeStarted(plan, repeat, prompts);
    }

    @Override
    public void result(RequestResult result) {
        // Results arrive one at a time (never concurrently), so the flag needs no lock.
        if (!warned && result.stream() == null
                && (result.status() == RequestStatus.OK || result.status() == RequestStatus.FILTERED)) {
            warned = true;
            listener.notice("warning: the server ignored \"stream\": true and answered plain JSON; those answers"
                    + " are recorded without time to first token");
        }
        listener.result(result);
    }

    @Override
    public void modeFinished(ModeSummary summary) {
        listener.modeFinished(summary);
    }
}
