package dev.promptbench.app;

import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.run.Plan;
import dev.promptbench.stats.ModeSummary;

/**
 * What a run tells the outside world while it goes: notices for stderr, each result, each mode's
 * start and end. The engine never prints; the command line decides where this goes.
 */
public interface RunListener {
    /** A line for humans (stderr): what we talk to, where results go, warnings. */
    default void notice(String line) {}

    /** A mode (one repeat of it) starts sending {@code prompts} prompts. */
    default void modeStarted(Plan plan, int repeat, int prompts) {}

    /** Each request's final record, in completion order, never concurrently. */
    default void result(RequestResult result) {}

    default void modeFinished(ModeSummary summary) {}

    /** This listener, with each request's record also handed to {@code sink} (a --csv or --answers file). */
    default RunListener alsoTo(ResultSink sink) {
        RunListener next = this;
        return new RunListener() {
            @Override public void notice(String line) { next.notice(line); }

            @Override public void modeStarted(Plan plan, int repeat, int prompts) {
                sink.modeStarted(plan.workers());
                next.modeStarted(plan, repeat, prompts);
            }

            @Override public void result(RequestResult result) {
                sink.accept(result);
                next.result(result);
            }

            @Override public void modeFinished(ModeSummary summary) { next.modeFinished(summary); }
        };
    }
}
