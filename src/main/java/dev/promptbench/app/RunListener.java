package dev.promptbench.app;

import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestResult;
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
}
